package dev.socra.app;

import dev.socra.llm.config.ConfigLoader;
import dev.socra.llm.plan.PlanText;
import dev.socra.llm.plan.Planner;
import dev.socra.llm.plan.Profile;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code socra plan}: the rate-limit arithmetic of a pipeline, before it meets a provider. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Replay Socra's pipeline against a route's configured limits on simulated time: which"
          + " targets take each stage, where bursts spill over, waits, wall time and cost per"
          + " session, and the rate at which the limits break. No provider is called."
    })
final class PlanCommand implements Callable<Integer>, SocraCommand.EnvironmentAware {
  private final Map<String, String> env;

  @Spec CommandSpec spec;

  @Option(
      names = "--route",
      paramLabel = "NAME",
      defaultValue = "default",
      description = "The route to plan (default: ${DEFAULT-VALUE}).")
  String route;

  @Option(
      names = "--sessions-per-minute",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Sessions arriving evenly each minute, for three minutes (1 to "
              + Planner.MAX_SESSIONS_PER_MINUTE
              + "; default: ${DEFAULT-VALUE}).")
  int sessionsPerMinute;

  PlanCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    if (sessionsPerMinute < 1 || sessionsPerMinute > Planner.MAX_SESSIONS_PER_MINUTE) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--sessions-per-minute must be 1 to "
              + Planner.MAX_SESSIONS_PER_MINUTE
              + ", was "
              + sessionsPerMinute);
    }
    Planner planner = Planner.forRoute(ConfigLoader.load(env), route);
    spec.commandLine()
        .getOut()
        .print(PlanText.render(planner.plan(Profile.socraDefault(), sessionsPerMinute)));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
