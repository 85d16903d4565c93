package dev.socra.llm.config;

import dev.socra.llm.config.yaml.ProviderSection;
import dev.socra.llm.config.yaml.YamlConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link RouterConfig} from the environment (the seed's variable names) and an optional
 * YAML file named by {@code SOCRA_CONFIG}, in three steps: the file is bound to {@link YamlConfig}
 * as written; the built-in providers, the file's sections and then the {@link Environment} over
 * both go into a {@link RouterConfig.Builder}; its {@code build()} checks the whole. Every problem
 * is one {@link ConfigException} whose message names the setting.
 */
public final class ConfigLoader {
  public static final String CONFIG_VARIABLE = "SOCRA_CONFIG";
  public static final String ROUTE_VARIABLE = "SOCRA_ROUTE";

  private ConfigLoader() {}

  public static RouterConfig load(Map<String, String> env) {
    Environment environment = new Environment(env);
    Optional<Path> path = environment.configFile();
    YamlConfig file = path.map(YamlConfig::read).orElse(YamlConfig.EMPTY);
    String inFile = " in " + path.map(Path::toString).orElse("the config file");

    RouterConfig.Builder config = RouterConfig.builder();
    Map<String, ProviderConfig> providers = new LinkedHashMap<>(BuiltinProviders.all());
    for (var entry : file.providers().entrySet()) {
      String name = entry.getKey();
      ProviderSection section = entry.getValue();
      ProviderConfig p = section.over(name, providers.get(name)).build();
      providers.put(name, p);
      if (section.price() != null) {
        // Priced under the model the file names, before any <NAME>_MODEL.
        config.price(
            name + "/" + p.model(),
            section.price().toPrice("providers." + name + ".price" + inFile));
      }
    }
    providers.values().forEach(p -> config.provider(environment.overlay(p)));
    file.prices()
        .forEach(
            (target, price) -> config.price(target, price.toPrice("prices." + target + inFile)));

    file.routes()
        .forEach(
            (name, r) -> config.route(name, r.order(), r.targets(), "routes." + name + inFile));
    environment
        .route()
        .ifPresent(
            targets -> config.route("default", RouteOrder.PRIORITY, targets, ROUTE_VARIABLE));
    config.automaticRouteSource(
        "providers with a key (or needing none), in the order anthropic, google, groq, openai,"
            + " then the config file's");

    if (file.timeouts() != null) {
      config.timeouts(file.timeouts().toTimeouts());
    }
    if (file.retry() != null) {
      config.retry(file.retry().toRetryPolicy());
    }
    if (file.circuit() != null) {
      config.circuit(file.circuit().toCircuitSettings());
    }
    if (file.stub() != null) {
      config.stub(file.stub().toStubSettings());
    }
    return config.build();
  }
}
