package dev.socra.app;

import dev.socra.core.Socra;
import dev.socra.core.idea.InvalidInputException;
import dev.socra.core.interview.Assumption;
import dev.socra.core.interview.AssumptionStatus;
import dev.socra.core.interview.DimensionScore;
import dev.socra.core.interview.Interview;
import dev.socra.core.interview.Turn;
import dev.socra.core.interview.TurnEvaluation;
import dev.socra.core.pipeline.PipelineEvent;
import dev.socra.core.pipeline.PipelineFailedException;
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
final class AskCommand implements Callable<Integer>, SocraCommand.Interactive {
  private final Map<String, String> env;
  private final BufferedReader in;

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

  AskCommand(Map<String, String> env, InputStream in) {
    this.env = env;
    this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
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
    try (Router router =
        Router.builder(ConfigLoader.load(env)).stubResponder(new DemoStages()).build()) {
      if (!router.config().routes().containsKey(route)) {
        throw new ParameterException(spec.commandLine(), "no route named '" + route + "'");
      }
      if (router.describe().demoMode()) {
        o.println(
            "Demo mode: no provider key is set, so Socra's built-in stub plays every persona.");
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
        o.println("The specialists are on it:");
        session = socra.runPipeline(session, e -> progress(o, e));
      } catch (PipelineFailedException e) {
        // what was finished is not lost: write it, then say what failed
        deliver(o, SessionMarkdown.render(e.session()));
        o.println();
        o.print(UsageTable.render(e.session()));
        spec.commandLine().getErr().println("socra: " + e.getMessage());
        return SocraCommand.EXIT_FAILED;
      } catch (LlmCallException | StructuredOutputException e) {
        spec.commandLine().getErr().println("socra: " + e.getMessage());
        return SocraCommand.EXIT_FAILED;
      }
      deliver(o, SessionMarkdown.render(session));
      o.println();
      o.println("Tokens and cost by stage:");
      o.print(UsageTable.render(session));
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
      o.print("Q" + (iv.turns().size() + 1) + ": ");
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
    while (true) {
      o.print("> ");
      o.flush();
      String line = in.readLine();
      if (line == null) {
        return null;
      }
      line = line.strip();
      // a quick reply's number picks it; any other number is an answer in its own right
      if (line.matches("[1-9]") && Integer.parseInt(line) <= e.choices().size()) {
        return e.choices().get(Integer.parseInt(line) - 1);
      }
      if (!line.isEmpty()) {
        return line;
      }
    }
  }

  private static void show(PrintWriter o, TurnEvaluation e) {
    StringBuilder scores = new StringBuilder("   scores:");
    for (DimensionScore s : e.scores()) {
      scores
          .append(' ')
          .append(s.dimension().label().toLowerCase(Locale.ROOT))
          .append(' ')
          .append(s.score());
    }
    o.println(scores);
    for (Assumption a : e.assumptions()) {
      String mark =
          a.status() == AssumptionStatus.SUPPORTED
              ? "+"
              : a.status() == AssumptionStatus.CONTRADICTED ? "x" : "?";
      o.println("   " + mark + " " + a.statement());
    }
    for (int i = 0; i < e.choices().size(); i++) {
      o.println("   " + (i + 1) + ") " + e.choices().get(i));
    }
  }

  private static void progress(PrintWriter o, PipelineEvent e) {
    String line =
        switch (e) {
          case PipelineEvent.Queued q -> "  · " + q.stage().label() + ": waiting";
          case PipelineEvent.Reused r -> "  = " + r.stage().label() + ": already done";
          case PipelineEvent.Started s -> "  … " + s.stage().label() + ": running";
          case PipelineEvent.Finished f ->
              String.format(
                  "  ✓ %s: done by %s in %.1fs, %,d tokens%s",
                  f.stage().label(),
                  String.join(", ", f.usage().servedBy()),
                  f.took().toMillis() / 1000.0,
                  f.usage().inputTokens() + f.usage().outputTokens(),
                  f.usage().retried() ? " (retried elsewhere)" : "");
          case PipelineEvent.Failed x -> "  ✗ " + x.stage().label() + ": failed: " + x.reason();
        };
    if (line != null) {
      synchronized (o) {
        o.println(line);
        o.flush();
      }
    }
  }
}
