package dev.socra.bench;

import dev.socra.llm.Router;
import dev.socra.llm.config.ConfigLoader;
import dev.socra.llm.config.RouterConfig;
import dev.socra.llm.testkit.FakeProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A router built the way production builds one (a YAML file and an environment, read by {@link
 * ConfigLoader}), with two OpenAI-protocol providers {@code a} and {@code b} that both point at one
 * fake on loopback. The benchmarks then measure the router's real code path, not a hand-made
 * shortcut.
 */
final class FakeConfig {
  /** The key every provider is given; the direct calls send it too, so both sides do the same. */
  static final String KEY = "test-key-socra-bench-7Qz9XbLk2Vw4";

  private FakeConfig() {}

  /**
   * @param routes route name to targets ({@code provider/model}; the model carries the fake's
   *     directives)
   * @param settings extra top-level YAML ({@code circuit:}, {@code retry:} ...), may be empty
   */
  static Router router(FakeProvider fake, Map<String, List<String>> routes, String settings) {
    StringBuilder yaml = new StringBuilder("providers:\n");
    Map<String, String> env = new LinkedHashMap<>();
    for (String name : List.of("a", "b")) {
      String var = name.toUpperCase(java.util.Locale.ROOT) + "_BENCH_KEY";
      yaml.append(
          """
            %s:
              protocol: openai
              base_url: %s
              key_env: %s
              model: ok
              context_window: 32000
              capabilities: { prefill: false }
              price: { input: 1.0, output: 2.0, as_of: 2026-11-01, source: bench }
          """
              .formatted(name, fake.openAiBaseUrl(), var));
      env.put(var, KEY);
    }
    yaml.append("routes:\n");
    routes.forEach(
        (name, targets) -> {
          yaml.append("  ").append(name).append(":\n");
          targets.forEach(t -> yaml.append("    - \"").append(t).append("\"\n"));
        });
    // Prices for the directive-laden model names, so cost accounting runs as it would in
    // production instead of taking a "no price known" shortcut.
    yaml.append("prices:\n");
    routes.values().stream()
        .flatMap(List::stream)
        .distinct()
        .forEach(
            t ->
                yaml.append("  \"")
                    .append(t)
                    .append("\": { input: 1.0, output: 2.0, as_of: 2026-11-01, source: bench }\n"));
    yaml.append(settings);
    try {
      Path dir = Files.createTempDirectory("socra-bench");
      Path file = dir.resolve("socra.yaml");
      Files.writeString(file, yaml);
      env.put(ConfigLoader.CONFIG_VARIABLE, file.toString());
      RouterConfig config = ConfigLoader.load(env);
      // The file is read once, at load; nothing needs it afterwards.
      Files.delete(file);
      Files.delete(dir);
      return Router.create(config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The circuit state the router reports for {@code target} on {@code route}. */
  static String state(Router router, String route, String target) {
    return router.describe().routes().get(route).stream()
        .filter(v -> v.id().toString().equals(target))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(target + " is not on route " + route))
        .state()
        .name();
  }
}
