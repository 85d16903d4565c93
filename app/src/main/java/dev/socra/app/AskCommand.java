package dev.socra.app;

import dev.socra.core.Socra;
import dev.socra.core.idea.InvalidInputException;
import dev.socra.core.interview.Assumption;
import dev.socra.core.interview.DimensionScore;
import dev.socra.core.interview.Interview;
import dev.socra.core.interview.Turn;
import dev.socra.core.interview.TurnEvaluation;
import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.Pipeline;
import dev.socra.core.pipeline.PipelineEvent;
import dev.socra.core.pipeline.PipelineFailedException;
import dev.socra.core.pipeline.Verdict;
import dev.socra.core.report.SessionMarkdown;
import dev.socra.core.report.UsageTable;
import dev.socra.core.session.InMemorySessionRepository;
import dev.socra.core.session.Session;
import dev.socra.core.structured.StructuredOutputException;
import dev.socra.core.stub.DemoStages;
import dev.socra.llm.LlmCallException;
import dev.socra.llm.Router;
import dev.socra.llm.config.ConfigLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code socra ask}: a whole session in the terminal, from idea to masterplan. */
@Command(
    name = "ask",
    mixinStandardHelpOptions = true,
    description = {
      "Interrogate a startup idea, then run the specialists, the masterplan, the devil's advocate,"
          + " the tribunal and the pitch deck.",
      "Answer with a quick reply's number, your own words, or 'done' to end the interview."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:the session finished",
      "1:a stage failed (finished stages are kept)",
      "2:bad usage, input or configuration"
    })
final class AskCommand
    implements Callable<Integer>, SocraCommand.Interactive, SocraCommand.AtTerminal {
  private final Map<String, String> env;
  private final BufferedReader in;
  private final boolean terminal;
  private final ReentrantLock printing = new ReentrantLock();
  private Style style = Style.PLAIN;
  private int stagesDone;

  @Spec CommandSpec spec;

  @Option(names = "--idea", paramLabel = "TEXT", description = "The idea; asked for when absent.")
  String idea;

  @Option(
      names = "--auto",
      description = "Answer every question with its first quick reply, without asking.")
  boolean auto;

  @Option(
      names = "--turns",
      paramLabel = "N",
      defaultValue = "7",
      description = "Most questions to ask (default ${DEFAULT-VALUE}).")
  int turns;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the masterplan there as Markdown instead of printing it.")
  Path out;

  @Option(
      names = "--route",
      paramLabel = "NAME",
      defaultValue = "default",
      description = "The named route to use (default ${DEFAULT-VALUE}).")
  String route;

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      defaultValue = "auto",
      description =
          "Colour and a live progress line: auto (at a terminal, unless NO_COLOR is set), always"
              + " or never (default ${DEFAULT-VALUE}).")
  Style.Mode color;

  AskCommand(Map<String, String> env, InputStream in, boolean terminal) {
    this.env = env;
    this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws IOException {
    if (turns < 1 || turns > 20) {
      throw new ParameterException(spec.commandLine(), "--turns must be between 1 and 20");
    }
    if (auto && idea == null) {
      throw new ParameterException(spec.commandLine(), "--auto needs --idea TEXT");
    }
    if (out != null) {
      Path folder = out.toAbsolutePath().getParent();
      if (folder == null || !Files.isDirectory(folder) || !Files.isWritable(folder)) {
        throw new ParameterException(spec.commandLine(), "--out: cannot write into " + folder);
      }
    }
    PrintWriter o = spec.commandLine().getOut();
    style = Style.of(color, env, terminal);
    try (Router router =
        Router.builder(ConfigLoader.load(env)).stubResponder(new DemoStages()).build()) {
      if (!router.config().routes().containsKey(route)) {
        throw new ParameterException(spec.commandLine(), "no route named '" + route + "'");
      }
      if (router.describe().demoMode()) {
        o.println(
            style.yellow("Demo mode:")
                + " no provider key is set, so Socra's built-in stub plays every persona from"
                + " fixed lines and your own words.");
        o.println(SessionMarkdown.REAL_MODEL_ADDS);
      }
      Socra socra = new Socra(router, new InMemorySessionRepository(), route);
      Session session;
      if (idea != null) {
        session = socra.start(idea, turns);
      } else {
        session = null;
        while (session == null) {
          o.print("Your startup idea: ");
          o.flush();
          String text = in.readLine();
          if (text == null) {
            throw new ParameterException(spec.commandLine(), "no idea given");
          }
          try {
            session = socra.start(text, turns);
          } catch (InvalidInputException e) {
            o.println(e.getMessage());
          }
        }
      }
      try {
        session = interview(socra, session, o);
        o.println();
        o.println(style.bold("The specialists are on it:"));
        stagesDone = 0;
        session = socra.runPipeline(session, e -> progress(o, e));
        o.print(style.clearLine());
      } catch (PipelineFailedException e) {
        // what was finished is not lost: write it, then say what failed
        o.print(style.clearLine());
        deliver(o, SessionMarkdown.render(e.session()));
        o.println();
        o.print(UsageTable.render(e.session()));
        spec.commandLine().getErr().println("socra: " + e.getMessage());
        return SocraCommand.EXIT_FAILED;
      } catch (LlmCallException | StructuredOutputException e) {
        o.print(style.clearLine());
        spec.commandLine().getErr().println("socra: " + e.getMessage());
        return SocraCommand.EXIT_FAILED;
      }
      deliver(o, SessionMarkdown.render(session));
      o.println();
      o.println(style.bold("Tokens and cost by stage:"));
      o.print(UsageTable.render(session));
      outcome(o, session);
      o.flush();
      return 0;
    }
  }

  /** Writes the Markdown to --out, or prints it (also when the file cannot be written). */
  private void deliver(PrintWriter o, String markdown) {
    o.println();
    if (out != null) {
      try {
        Files.writeString(out, markdown);
        o.println("Masterplan written to " + out);
        return;
      } catch (IOException e) {
        spec.commandLine()
            .getErr()
            .println(
                "socra: could not write " + out + " (" + e.getMessage() + "); printing it instead");
      }
    }
    o.println(markdown);
  }

  private Session interview(Socra socra, Session session, PrintWriter o) throws IOException {
    while (!session.interview().complete()) {
      Interview iv = session.interview();
      o.println();
      o.print(style.bold("Q" + (iv.turns().size() + 1) + ": "));
      o.flush();
      StringBuilder streamed = new StringBuilder();
      session =
          socra.ask(
              session,
              token -> {
                streamed.append(token);
                o.print(token);
                o.flush();
              });
      o.println();
      Turn turn = session.interview().open();
      if (!streamed.toString().strip().equals(turn.question())) {
        // the draft broke the question rules and was written again
        o.println("   asked again as: " + turn.question());
      }
      show(o, turn.evaluation());
      while (true) {
        String answer = answer(o, turn.evaluation());
        if (answer == null || answer.equalsIgnoreCase("done")) {
          // the founder ends the interview: the open question stays unanswered
          return socra.end(session);
        }
        try {
          session = socra.answer(session, answer);
          break;
        } catch (InvalidInputException e) {
          o.println(e.getMessage());
        }
      }
    }
    return session;
  }

  private String answer(PrintWriter o, TurnEvaluation e) throws IOException {
    if (auto) {
      String first = e.choices().getFirst();
      o.println("> " + first);
      return first;
    }
    int n = e.choices().size();
    while (true) {
      o.print(style.cyan(prompt(n)));
      o.flush();
      String line = in.readLine();
      if (line == null) {
        return null;
      }
      line = line.strip();
      // a quick reply's number picks it; any other number is an answer in its own right
      if (line.matches("[1-9]") && Integer.parseInt(line) <= n) {
        return e.choices().get(Integer.parseInt(line) - 1);
      }
      if (!line.isEmpty()) {
        return line;
      }
      o.println(style.dim(hint(n)));
    }
  }

  /** What the prompt says: how to answer. */
  static String prompt(int replies) {
    return "Your answer (1-" + replies + ", your own words, or done): ";
  }

  /** What an empty line gets: the same, said in full. */
  static String hint(int replies) {
    return "Type a number from 1 to "
        + replies
        + " to pick a reply, write your own answer, or type done to end the interview.";
  }

  private void show(PrintWriter o, TurnEvaluation e) {
    o.println(style.dim(scores(e)));
    assumptions(o, e, "   ");
    for (int i = 0; i < e.choices().size(); i++) {
      o.println("   " + style.bold((i + 1) + ")") + " " + e.choices().get(i));
    }
  }

  private static String scores(TurnEvaluation e) {
    StringBuilder scores = new StringBuilder("   scores:");
    for (DimensionScore s : e.scores()) {
      scores
          .append(' ')
          .append(s.dimension().label().toLowerCase(Locale.ROOT))
          .append(' ')
          .append(s.score());
    }
    return scores.toString();
  }

  /** Every assumption, with its status spelled out and the answer that moved it. */
  private void assumptions(PrintWriter o, TurnEvaluation e, String indent) {
    for (Assumption a : e.assumptions()) {
      String status = a.status().name().toLowerCase(Locale.ROOT);
      String mark =
          switch (a.status()) {
            case SUPPORTED -> style.green("+ " + status);
            case CONTRADICTED -> style.red("x " + status);
            case UNTESTED -> style.yellow("? " + status);
          };
      String moved = a.movedBy() == null || a.movedBy().isBlank() ? "" : " (“" + a.movedBy() + "”)";
      o.println(indent + mark + ": " + a.statement() + style.dim(moved));
    }
  }

  /**
   * The end of the session, printed whether the plan went to a file or not: where the idea stands,
   * every assumption, and the verdict with its reasons.
   */
  private void outcome(PrintWriter o, Session s) {
    TurnEvaluation e = s.interview().latest();
    if (e != null) {
      o.println();
      o.println(style.bold("Where the idea stands:"));
      o.println(scores(e));
      assumptions(o, e, "   ");
    }
    Verdict v = s.result(Stage.TRIBUNAL, Verdict.class);
    if (v != null) {
      o.println();
      String decision = "Verdict: " + v.decision().label();
      o.println(
          switch (v.decision()) {
            case PURSUE -> style.bold(style.green(decision));
            case TEST -> style.bold(style.yellow(decision));
            case PIVOT, DROP -> style.bold(style.red(decision));
          });
      o.println(
          "   "
              + v.decision().label()
              + " means "
              + v.decision().meaning()
              + " Next: "
              + v.decision().next());
      for (String reason : v.reasons()) {
        o.println("   - " + reason);
      }
    }
    if (s.demo()) {
      o.println();
      o.println(
          style.yellow("Written in demo mode:")
              + " Socra's built-in stub, not an AI model, wrote this session.");
    }
  }

  /**
   * One line per stage as it changes; at a terminal, a status line under them too, rewritten in
   * place (events come from the specialists' threads at once).
   */
  private void progress(PrintWriter o, PipelineEvent e) {
    String line =
        switch (e) {
          case PipelineEvent.Queued q -> style.dim("  · " + q.stage().label() + ": waiting");
          case PipelineEvent.Reused r -> "  = " + r.stage().label() + ": already done";
          case PipelineEvent.Started s -> "  … " + s.stage().label() + ": running";
          case PipelineEvent.Finished f ->
              style.green("  ✓")
                  + String.format(
                      " %s: done by %s in %.1fs, %,d tokens%s",
                      f.stage().label(),
                      String.join(", ", f.usage().servedBy()),
                      f.took().toMillis() / 1000.0,
                      f.usage().inputTokens() + f.usage().outputTokens(),
                      f.usage().retried() ? " (retried elsewhere)" : "");
          case PipelineEvent.Failed x ->
              style.red("  ✗") + " " + x.stage().label() + ": failed: " + x.reason();
        };
    printing.lock();
    try {
      if (e instanceof PipelineEvent.Finished || e instanceof PipelineEvent.Reused) {
        stagesDone++;
      }
      o.print(style.clearLine());
      o.println(line);
      if (style.live()) {
        o.print(
            style.bold("  " + stagesDone + " of " + Pipeline.stages().size() + " steps done")
                + style.dim(" — " + e.stage().label()));
      }
      o.flush();
    } finally {
      printing.unlock();
    }
  }
}
