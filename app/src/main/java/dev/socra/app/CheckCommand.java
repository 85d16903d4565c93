package dev.socra.app;

import dev.socra.core.interview.TurnEvaluation;
import dev.socra.core.structured.Schemas;
import dev.socra.llm.Router;
import dev.socra.llm.check.CheckText;
import dev.socra.llm.check.TargetCheck;
import dev.socra.llm.check.TargetReport;
import dev.socra.llm.config.ConfigLoader;
import dev.socra.llm.route.TargetId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code socra check}: one tiny call per configured target, each way Socra calls it, and what Socra
 * will therefore do there. It spends real tokens, so it says how many first and asks.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Make a few tiny calls to every configured target (whole and streamed, plain, with Socra's"
          + " JSON schema, with a prefill where declared) and report per target: reachable, key"
          + " valid, streaming with usage, JSON schema accepted (strict or not), prefill"
          + " accepted, the rate limits it announced against the configured ones, time to first"
          + " token; and what Socra will therefore do there. It costs a few hundred tokens per"
          + " target and says so before it runs."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:every target works",
      "1:a target does not work",
      "2:bad usage or configuration, or the question was not answered yes"
    })
final class CheckCommand implements Callable<Integer>, SocraCommand.AtTerminal {
  private final Map<String, String> env;
  private final InputStream in;
  private final boolean terminal;

  @Spec CommandSpec spec;

  @Option(
      names = "--yes",
      description = "Go ahead without asking (needed when stdin is not a terminal).")
  boolean yes;

  @Option(
      names = "--route",
      paramLabel = "NAME",
      description = "Check only this route's targets (default: every route's).")
  String route;

  CheckCommand(Map<String, String> env, InputStream in, boolean terminal) {
    this.env = env;
    this.in = in;
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Router router = Router.create(ConfigLoader.load(env))) {
      TargetCheck check =
          new TargetCheck(
              router, Schemas.nameOf(TurnEvaluation.class), Schemas.of(TurnEvaluation.class));
      List<TargetId> targets = targets(router, check);
      if (targets.isEmpty()) {
        err.println(
            "socra: nothing to check: no provider has a key, so only the demo stub would answer"
                + " (set a key, e.g. GROQ_API_KEY)");
        return SocraCommand.EXIT_USAGE;
      }
      long each = check.estimatedTokens();
      out.printf(
          Locale.ROOT,
          "socra check makes at most 6 tiny calls to each of %d target%s: about %,d tokens a target,"
              + " %,d in all, billed by the providers as any call is.%n",
          targets.size(),
          targets.size() == 1 ? "" : "s",
          each,
          each * targets.size());
      out.flush();
      if (!yes && !confirmed(out, err)) {
        return SocraCommand.EXIT_USAGE;
      }
      out.println();
      List<TargetReport> reports = new ArrayList<>();
      for (TargetId t : targets) {
        reports.add(check.check(t));
      }
      out.print(CheckText.render(reports));
      out.flush();
      return reports.stream().allMatch(TargetReport::works) ? 0 : SocraCommand.EXIT_FAILED;
    }
  }

  private List<TargetId> targets(Router router, TargetCheck check) {
    if (route == null) {
      return check.targets();
    }
    List<TargetId> onRoute = router.config().routes().get(route);
    if (onRoute == null) {
      throw new ParameterException(
          spec.commandLine(),
          "no route named '"
              + route
              + "' (routes: "
              + String.join(", ", router.config().routes().keySet())
              + ")");
    }
    return check.targets().stream().filter(onRoute::contains).toList();
  }

  private boolean confirmed(PrintWriter out, PrintWriter err) throws IOException {
    if (!terminal) {
      err.println(
          "socra: check spends real tokens and standard input is not a terminal to ask on: pass"
              + " --yes to go ahead");
      return false;
    }
    out.print("Go on? [y/N] ");
    out.flush();
    String answer =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
    if (answer != null && List.of("y", "yes").contains(answer.strip().toLowerCase(Locale.ROOT))) {
      return true;
    }
    err.println("socra: nothing was sent");
    return false;
  }
}
