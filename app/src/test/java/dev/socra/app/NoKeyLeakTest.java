package dev.socra.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.llm.testkit.FakeProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Distinctive keys, every kind of failure, every output mode, logs at debug: no key, whole or cut
 * to its distinctive middle, appears anywhere a user or an operator could read it.
 */
class NoKeyLeakTest {
  @Test
  void noKeyReachesAnyOutputOrLogLine() {
    List<Cli.Result> results = new ArrayList<>();
    try (FakeProvider fake = FakeProvider.start(0)) {
      Map<String, String> base = FakeEnv.all(fake);
      results.add(Cli.run(base, "routes"));
      for (String model :
          List.of(
              "echo-key",
              "echo-key+inband-error=overloaded_error+inband-after=2",
              "status=401",
              "status=403",
              "status=500",
              "status=429+retry-after=1",
              "reset",
              "cut-after=2",
              "error-in-200=401",
              "not-json",
              "ok")) {
        for (String mode : List.of("--json", "--stream", "--trace")) {
          Map<String, String> env = new HashMap<>(base);
          env.put("ANTHROPIC_MODEL", model);
          env.put("GOOGLE_MODEL", model);
          env.put("GROQ_MODEL", model);
          env.put("OPENAI_MODEL", model);
          results.add(Cli.run(env, "llm", mode, "--trace", "leak check"));
        }
      }
      // a key pasted into the wrong variable is not echoed either
      Map<String, String> misplaced = new HashMap<>(base);
      misplaced.put("GROQ_BASE_URL", FakeEnv.KEYS.get("GROQ_API_KEY"));
      results.add(Cli.run(misplaced, "routes"));
      Map<String, String> broken = new HashMap<>(base);
      broken.put("OPENAI_API_KEY", "test-key-openai-SOCRAleak\ncheck-DDDD7777");
      results.add(Cli.run(broken, "routes"));
    }
    assertThat(results).anySatisfy(r -> assertThat(r.exitCode()).isEqualTo(1));
    assertThat(results).anySatisfy(r -> assertThat(r.err()).contains("rejected"));
    // a provider did echo a key, and what reached the output was its fingerprint
    String google = FakeEnv.KEYS.get("GOOGLE_API_KEY");
    assertThat(results)
        .anySatisfy(
            r ->
                assertThat(r.all())
                    .contains(
                        "Incorrect API key provided: "
                            + dev.socra.llm.config.ApiKey.fingerprint(google)));
    for (Cli.Result r : results) {
      for (String key : FakeEnv.KEYS.values()) {
        assertThat(r.all()).doesNotContain(key).doesNotContain("SOCRAleak");
      }
    }
  }
}
