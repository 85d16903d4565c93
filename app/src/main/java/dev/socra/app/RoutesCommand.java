package dev.socra.app;

import dev.socra.llm.Router;
import dev.socra.llm.config.ConfigLoader;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code socra routes}: the route description, exactly as the router gives it. */
@Command(
    name = "routes",
    mixinStandardHelpOptions = true,
    description = "Print the effective routes, in the order the router tries them.")
final class RoutesCommand implements Callable<Integer>, SocraCommand.EnvironmentAware {
  private final Map<String, String> env;

  @Spec CommandSpec spec;

  RoutesCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    try (Router router = Router.create(ConfigLoader.load(env))) {
      spec.commandLine().getOut().print(router.describe().render());
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
