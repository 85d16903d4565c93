package dev.socra.llm;

import dev.socra.llm.config.ConfigLoader;
import dev.socra.llm.config.RouterConfig;
import dev.socra.llm.testkit.FakeProvider;
import dev.socra.llm.testkit.VirtualTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a real configuration (a YAML file and an environment, read by {@link ConfigLoader}) whose
 * providers all point at fake servers on loopback.
 */
final class FakeRoutes {
  /** Keys distinctive enough that a leak would be found by a plain substring search. */
  static String keyOf(String provider) {
    return "test-key-socra-" + provider + "-7Qz9XbLk2Vw4Rt8Yp1Nc";
  }

  private final Path dir;
  private final StringBuilder providers = new StringBuilder("providers:\n");
  private final Map<String, String> env = new HashMap<>();
  private final List<String> route = new ArrayList<>();

  /**
   * Limits on the live sockets far above anything a loopback answer takes, even on a loaded
   * machine: a test that must see one of them pass sets its own, against a fault that never ends.
   */
  static final String PATIENT_LIMITS =
      "timeouts: { first_token: 30s, stall: 30s, response: 30s, connect: 10s, deadline: 20s }\n";

  private String extra = PATIENT_LIMITS + "retry: { transient_backoff: 10ms }\n";

  FakeRoutes(Path dir) {
    this.dir = dir;
  }

  FakeRoutes openai(String name, FakeProvider fake, boolean prefill, int context) {
    return provider(name, "openai", fake.openAiBaseUrl(), prefill, context);
  }

  FakeRoutes openai(String name, FakeProvider fake) {
    return openai(name, fake, false, 32_000);
  }

  /** An OpenAI-protocol provider at any base URL (a test's own server, say). */
  FakeRoutes openaiAt(String name, String baseUrl) {
    return provider(name, "openai", baseUrl, false, 32_000);
  }

  FakeRoutes anthropic(String name, FakeProvider fake) {
    return provider(name, "anthropic", fake.anthropicBaseUrl(), true, 200_000);
  }

  private FakeRoutes provider(
      String name, String protocol, String url, boolean prefill, int context) {
    return provider(name, protocol, url, context, "{ prefill: " + prefill + " }", "");
  }

  /**
   * A provider with its capabilities written out ({@code { json_schema: true, … }}) and any more
   * lines of its section ({@code " stream_end_marker: true\n"}).
   */
  FakeRoutes provider(
      String name, String protocol, String url, int context, String capabilities, String more) {
    String var = name.toUpperCase(java.util.Locale.ROOT) + "_TEST_KEY";
    providers.append(
        """
          %s:
            protocol: %s
            base_url: %s
            key_env: %s
            model: ok
            context_window: %d
            capabilities: %s
            price: { input: 1.0, output: 2.0, as_of: 2026-11-01, source: test }
        """
            .formatted(name, protocol, url, var, context, capabilities));
    providers.append(more);
    env.put(var, keyOf(name));
    return this;
  }

  /** Route targets, {@code provider/model}; the model name carries the fake's directives. */
  FakeRoutes route(String... targets) {
    route.addAll(List.of(targets));
    return this;
  }

  FakeRoutes settings(String yaml) {
    this.extra = yaml;
    return this;
  }

  Map<String, String> env() {
    write();
    return Map.copyOf(env);
  }

  RouterConfig config() {
    return ConfigLoader.load(env());
  }

  Router router() {
    return Router.create(config());
  }

  /** A router on virtual time: share {@code time} with the fakes so both agree on the clock. */
  Router router(VirtualTime time) {
    return onTime(Router.builder(config()), time).build();
  }

  static Router.Builder onTime(Router.Builder builder, VirtualTime time) {
    return builder.clock(time.clock()).sleeper(time::sleep);
  }

  private void write() {
    StringBuilder yaml = new StringBuilder(providers);
    yaml.append("routes:\n  default:\n");
    for (String t : route) {
      yaml.append("    - \"").append(t).append("\"\n");
    }
    yaml.append("prices:\n");
    for (String t : route) {
      yaml.append("  \"")
          .append(t)
          .append("\": { input: 1.0, output: 2.0, as_of: 2026-11-01, source: test }\n");
    }
    yaml.append(extra);
    Path file = dir.resolve("socra.yaml");
    try {
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    env.put("SOCRA_CONFIG", file.toString());
  }
}
