package dev.socra.app;

import dev.socra.app.eval.EvalReport;
import dev.socra.app.eval.FounderRun;
import dev.socra.app.eval.ScriptedFounder;
import dev.socra.core.Socra;
import dev.socra.core.session.InMemorySessionRepository;
import dev.socra.core.stub.DemoStages;
import dev.socra.llm.Router;
import dev.socra.llm.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code socra eval}: scripted founders through whole sessions on the configured route, and a table
 * of how the interviewer and the pipeline did (docs/interview.md says what each number means).
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Run scripted founders (eval/founders/*.yaml) through whole sessions on the configured route"
          + " and report per founder and in total: facts uncovered, questions failing the question"
          + " rules, scores moved without a quote, verdict right or wrong, tokens and cost.",
      "Quality is a report, not a failure: the exit code says whether the sessions ran."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:every session ran (whatever the numbers say)",
      "1:a session failed",
      "2:bad usage, founder files or configuration"
    })
final class EvalCommand implements Callable<Integer>, SocraCommand.EnvironmentAware {
  static final int MAX_FOUNDERS = 200;

  private final Map<String, String> env;

  @Spec CommandSpec spec;

  @Option(
      names = "--route",
      paramLabel = "NAME",
      defaultValue = "default",
      description = "The named route to run on (default ${DEFAULT-VALUE}).")
  String route;

  @Option(
      names = "--founders",
      paramLabel = "DIR",
      defaultValue = "eval/founders",
      description = "The folder of founder scripts, *.yaml (default ${DEFAULT-VALUE}).")
  Path founders;

  @Option(
      names = "--turns",
      paramLabel = "N",
      defaultValue = "7",
      description = "Most questions a founder is asked (default ${DEFAULT-VALUE}).")
  int turns;

  EvalCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    if (turns < 3 || turns > 20) {
      throw new ParameterException(spec.commandLine(), "--turns must be from 3 to 20");
    }
    List<ScriptedFounder> scripts = load();
    PrintWriter o = spec.commandLine().getOut();
    try (Router router =
        Router.builder(ConfigLoader.load(env)).stubResponder(new DemoStages()).build()) {
      if (!router.config().routes().containsKey(route)) {
        throw new ParameterException(spec.commandLine(), "no route named '" + route + "'");
      }
      if (router.describe().demoMode()) {
        o.println(
            "Demo mode: no provider key is set, so the stub plays every persona. This run proves"
                + " the harness, not the interviewer.");
      }
      o.println(
          "Route "
              + route
              + ": "
              + scripts.size()
              + " founders, at most "
              + turns
              + " questions each.");
      o.flush();
      Socra socra = new Socra(router, new InMemorySessionRepository(), route);
      List<FounderRun.Result> results = new ArrayList<>();
      for (ScriptedFounder f : scripts) {
        FounderRun.Result r = FounderRun.run(socra, f, turns);
        results.add(r);
        o.println(
            "  "
                + (r.failed() ? "✗ " : "✓ ")
                + f.name()
                + ": "
                + r.factsUncovered()
                + "/"
                + r.facts()
                + " facts"
                + (r.failed() ? ", failed: " + r.failure() : ""));
        o.flush();
      }
      o.println();
      o.print(EvalReport.render(results));
      o.flush();
      return results.stream().anyMatch(FounderRun.Result::failed) ? SocraCommand.EXIT_FAILED : 0;
    }
  }

  /**
   * Every founder script in the folder, in name order; any bad one stops the run before it starts.
   */
  private List<ScriptedFounder> load() {
    if (!Files.isDirectory(founders)) {
      throw new ParameterException(spec.commandLine(), "--founders: no folder " + founders);
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(founders)) {
      files =
          list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "--founders: cannot read " + founders);
    }
    if (files.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--founders: no *.yaml in " + founders);
    }
    if (files.size() > MAX_FOUNDERS) {
      throw new ParameterException(
          spec.commandLine(), "--founders: more than " + MAX_FOUNDERS + " scripts in " + founders);
    }
    List<ScriptedFounder> out = new ArrayList<>();
    for (Path p : files) {
      try {
        out.add(ScriptedFounder.load(p));
      } catch (ScriptedFounder.BadFounderException e) {
        throw new ParameterException(spec.commandLine(), "--founders: " + e.getMessage());
      }
    }
    return out;
  }
}
