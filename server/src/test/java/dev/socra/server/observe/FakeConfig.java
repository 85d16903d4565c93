package dev.socra.server.observe;

import dev.socra.llm.testkit.FakeProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A configuration file and environment whose provider {@code fake} speaks OpenAI's wire format to a
 * {@link FakeProvider} on loopback, priced at $1 per million input tokens and $2 per million
 * output.
 */
final class FakeConfig {
  /** Distinctive enough that a leak is found by a plain substring search. */
  static final String KEY = "test-key-socra-observe-7Qz9XbLk2Vw4Rt8Yp1Nc";

  private FakeConfig() {}

  /** The same price for every fake target the routes name (prices are looked up by target). */
  private static String prices(String routes) {
    StringBuilder s = new StringBuilder();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("fake/[\\w.=+-]+").matcher(routes);
    java.util.Set<String> seen = new java.util.LinkedHashSet<>();
    while (m.find()) {
      seen.add(m.group());
    }
    for (String t : seen) {
      s.append("  \"")
          .append(t)
          .append("\": { input: 1.0, output: 2.0, as_of: 2026-11-01, source: test }\n");
    }
    return s.toString().stripTrailing();
  }

  /**
   * Writes {@code socra.yaml} into {@code dir}.
   *
   * @param routes YAML mapping of route names to target lists, e.g. {@code default: [fake/a]}
   * @return the environment that loads it
   */
  static Map<String, String> write(Path dir, FakeProvider fake, String routes, String extra) {
    String yaml =
        """
        providers:
          fake:
            protocol: openai
            base_url: %s
            key_env: FAKE_TEST_KEY
            model: ok
            context_window: 32000
            price: { input: 1.0, output: 2.0, as_of: 2026-11-01, source: test }
        routes:
        %s
        prices:
        %s
        # Limits only against a hang, generous for a loaded machine; the deadline stays under the
        # router's 30 s cool-downs, so a call whose targets all cool down fails at once.
        timeouts: { first_token: 15s, stall: 15s, response: 15s, connect: 10s, deadline: 20s }
        retry: { transient_backoff: 10ms }
        stub:
          token_delay: 0ms
        %s
        """
            .formatted(
                fake.openAiBaseUrl(), routes.indent(2).stripTrailing(), prices(routes), extra);
    try {
      Path file = dir.resolve("socra.yaml");
      Files.writeString(file, yaml);
      return Map.of("SOCRA_CONFIG", file.toString(), "FAKE_TEST_KEY", KEY);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
