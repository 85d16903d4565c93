package dev.socra.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.llm.testkit.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distinctive keys, every kind of failure, every output mode, logs at debug: no key, whole or cut
 * to its distinctive middle, appears anywhere a user or an operator could read it.
 */
class NoKeyLeakTest {
  /** Every output mode of {@code socra llm}, each with the trace on stderr too. */
  static final List<List<String>> MODES =
      List.of(List.of(), List.of("--json"), List.of("--stream"), List.of("--json", "--stream"));

  /**
   * Each provider behaviour, and what its trace shows when the path was really taken: the wait and
   * the retry on the same target included.
   */
  static final Map<String, String> FAILURES = new LinkedHashMap<>();

  static {
    FAILURES.put("echo-key", "auth 401");
    FAILURES.put("echo-key+inband-error=overloaded_error+inband-after=2", "anthropic/echo-key");
    FAILURES.put("status=401", "auth 401");
    FAILURES.put("status=403", "auth 403");
    FAILURES.put("status=500", "#2 anthropic/status=500 transient 500");
    FAILURES.put("status=429+retry-after-ms=20", "#2 anthropic/status=429+retry-after-ms=20 rate");
    FAILURES.put("groq-wait=0.02s", "#3 google/groq-wait=0.02s rate-limited 429");
    FAILURES.put("reset", "#2 anthropic/reset transient");
    FAILURES.put("cut-after=2", "#2 anthropic/cut-after=2 transient");
    FAILURES.put("error-in-200=401", "error inside a successful response");
    FAILURES.put("not-json", "malformed");
    FAILURES.put("ok", "#1 anthropic/ok ok 200");
  }

  @TempDir Path dir;

  @Test
  void noKeyReachesAnyOutputOrLogLine() throws Exception {
    // Every failure path is taken as in production, retries and waits included; only their waits
    // are short: a 20 ms Retry-After, a 1 ms base for the transient retry's back-off.
    Path config = dir.resolve("socra.yaml");
    Files.writeString(config, "retry: { transient_backoff: 1ms }\n");
    List<Cli.Result> results = new ArrayList<>();
    try (FakeProvider fake = FakeProvider.start(0)) {
      Map<String, String> base = new HashMap<>(FakeEnv.all(fake));
      base.put("SOCRA_CONFIG", config.toString());
      results.add(Cli.run(base, "routes"));
      for (var failure : FAILURES.entrySet()) {
        String model = failure.getKey();
        for (List<String> mode : MODES) {
          Map<String, String> env = new HashMap<>(base);
          env.put("ANTHROPIC_MODEL", model);
          env.put("GOOGLE_MODEL", model);
          env.put("GROQ_MODEL", model);
          env.put("OPENAI_MODEL", model);
          List<String> args = new ArrayList<>(List.of("llm", "--trace"));
          args.addAll(mode);
          args.add("leak check");
          Cli.Result r = Cli.run(env, args.toArray(String[]::new));
          assertThat(r.exitCode()).as("%s %s: %s", model, mode, r.err()).isIn(0, 1);
          assertThat(r.err()).as("%s %s", model, mode).contains(failure.getValue());
          results.add(r);
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
