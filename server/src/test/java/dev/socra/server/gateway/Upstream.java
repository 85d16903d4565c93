package dev.socra.server.gateway;

import dev.socra.llm.testkit.FakeProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's upstream for gateway tests: a fake provider on loopback, reached through providers
 * and routes written to a config file, as an operator would. Providers {@code a} and {@code b}
 * speak OpenAI's protocol and cannot continue a stream; {@code c} speaks Anthropic's and can;
 * {@code small} has a budget of 100 tokens a minute; {@code ta} (OpenAI's protocol) and {@code tc}
 * (Anthropic's) take tools and images, {@code tnv} tools but no images. A route's target names the
 * fake's behaviour in its model ({@code a/status=503}).
 */
final class Upstream {
  /** Keys distinctive enough that a leak is found by a plain substring search. */
  static final Map<String, String> KEYS =
      Map.ofEntries(
          Map.entry("A_TEST_KEY", "test-key-gateway-a-Zr7Qm2Wx9Lp4"),
          Map.entry("B_TEST_KEY", "test-key-gateway-b-Kd3Vn8Ty1Hs6"),
          Map.entry("C_TEST_KEY", "test-key-gateway-c-Pe5Gj0Uc7Bf2"),
          Map.entry("SMALL_TEST_KEY", "test-key-gateway-small-Mw4Ra9Xo3"),
          Map.entry("TA_TEST_KEY", "test-key-gateway-ta-Qs8Lk2Vb6Np1"),
          Map.entry("TC_TEST_KEY", "test-key-gateway-tc-Jh4Xw7Dr3Ym9"),
          Map.entry("TNV_TEST_KEY", "test-key-gateway-tnv-Fz2Cq5Gt8Wu3"));

  private Upstream() {}

  /** The server's environment: the keys and a config file in {@code dir} with these routes. */
  static Map<String, String> env(FakeProvider fake, Path dir, Map<String, List<String>> routes) {
    StringBuilder yaml = new StringBuilder("providers:\n");
    provider(yaml, "a", "openai", fake.openAiBaseUrl(), false, "");
    provider(yaml, "b", "openai", fake.openAiBaseUrl(), false, "");
    provider(yaml, "c", "anthropic", fake.anthropicBaseUrl(), true, "");
    provider(yaml, "small", "openai", fake.openAiBaseUrl(), false, "    limits: { tpm: 100 }\n");
    tools(yaml, "ta", "openai", fake.openAiBaseUrl(), "tools: true, vision: true");
    tools(yaml, "tc", "anthropic", fake.anthropicBaseUrl(), "tools: true, vision: true");
    tools(yaml, "tnv", "openai", fake.openAiBaseUrl(), "tools: true");
    yaml.append("routes:\n");
    routes.forEach(
        (name, targets) -> {
          yaml.append("  ").append(name).append(":\n");
          targets.forEach(t -> yaml.append("    - \"").append(t).append("\"\n"));
        });
    yaml.append(
        """
        # Limits only against a hang, generous for a loaded machine; the deadline stays under the
        # router's 30 s cool-downs, so a call whose targets all cool down fails at once.
        timeouts: { first_token: 15s, stall: 15s, response: 15s, connect: 10s, deadline: 20s }
        retry: { transient_backoff: 10ms }
        """);
    Path file = dir.resolve("socra-gateway-test.yaml");
    try {
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> env = new LinkedHashMap<>(KEYS);
    env.put("SOCRA_CONFIG", file.toString());
    return env;
  }

  /**
   * A provider whose models take tools ({@code ta}, {@code tc}; {@code tnv} without images), and
   * temperature, top_p, stop and seed.
   */
  private static void tools(
      StringBuilder yaml, String name, String protocol, String url, String capabilities) {
    yaml.append(
        """
          %s:
            protocol: %s
            base_url: %s
            key_env: %s_TEST_KEY
            model: ok
            context_window: 32000
            capabilities: { prefill: %s, %s, sampling: [temperature, top_p, stop, seed] }
            price: { input: 1.0, output: 2.0, as_of: 2026-11-01, source: test }
        """
            .formatted(
                name,
                protocol,
                url,
                name.toUpperCase(java.util.Locale.ROOT),
                protocol.equals("anthropic"),
                capabilities));
  }

  private static void provider(
      StringBuilder yaml, String name, String protocol, String url, boolean prefill, String more) {
    yaml.append(
        """
          %s:
            protocol: %s
            base_url: %s
            key_env: %s_TEST_KEY
            model: ok
            context_window: 32000
            capabilities: { prefill: %s }
            price: { input: 1.0, output: 2.0, as_of: 2026-11-01, source: test }
        """
            .formatted(name, protocol, url, name.toUpperCase(java.util.Locale.ROOT), prefill));
    yaml.append(more);
  }
}
