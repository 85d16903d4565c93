package dev.socra.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.llm.testkit.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code socra eval} against the demo stub: it proves the harness (every scripted founder runs a
 * whole session and is counted), not the interviewer's quality.
 */
class EvalCommandTest {
  /** The founder scripts in the repository, as an operator runs them. */
  static final Path FOUNDERS = Path.of("..", "eval", "founders");

  @TempDir Path dir;
  Map<String, String> env;

  @BeforeEach
  void fastStub() throws Exception {
    Path config = dir.resolve("socra.yaml");
    Files.writeString(config, "stub: { token_delay: 0ms }\n");
    env = Map.of("SOCRA_CONFIG", config.toString());
  }

  @Test
  void everyScriptedFounderRunsAWholeSessionOnTheStubAndIsReported() throws Exception {
    long scripts;
    try (var files = Files.list(FOUNDERS)) {
      scripts = files.filter(p -> p.toString().endsWith(".yaml")).count();
    }
    assertThat(scripts).isGreaterThanOrEqualTo(20);
    Cli.Result r = Cli.run(env, "eval", "--founders", FOUNDERS.toString());
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.out())
        .contains("Demo mode")
        .contains("proves the harness, not the interviewer")
        .contains("clinic-no-shows")
        .contains("bookkeeping-for-artists")
        .contains("total (" + scripts + " founders)")
        .contains("facts uncovered")
        .contains("questions failing the checks")
        .contains("scores moved without a quote")
        .contains("verdicts right");
    // a line per founder with its kind, facts and verdict against the right one
    assertThat(r.out()).containsPattern("clinic-no-shows\\s+b2b\\s+\\d+\\s+\\d/4 .*\\((test)\\)");
    assertThat(r.out()).doesNotContain("✗ the session failed");
  }

  @Test
  void aRouteWhereEveryCallFailsGivesExitCodeOneWithTheCause() throws Exception {
    try (FakeProvider fake = FakeProvider.start(0)) {
      Path config = dir.resolve("failing.yaml");
      Files.writeString(
          config,
          """
          providers:
            broken: { base_url: "%s", key_env: BROKEN_KEY, model: "status=401" }
          routes: { default: [broken] }
          """
              .formatted(fake.openAiBaseUrl()));
      Path one = dir.resolve("one");
      Files.createDirectories(one);
      Files.copy(FOUNDERS.resolve("clinic-no-shows.yaml"), one.resolve("clinic-no-shows.yaml"));
      Map<String, String> failing = new HashMap<>();
      failing.put("SOCRA_CONFIG", config.toString());
      failing.put("BROKEN_KEY", "test-key-eval-0123456789abcdef");
      Cli.Result r = Cli.run(failing, "eval", "--founders", one.toString());
      assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
      assertThat(r.out()).contains("✗ clinic-no-shows").contains("the session failed");
      assertThat(r.all()).doesNotContain("test-key-eval-0123456789abcdef");
    }
  }

  @Test
  void badUsageIsExitCodeTwoWithAMessageSayingWhatIsWrong() throws Exception {
    assertThat(Cli.run(env, "eval", "--founders", dir.resolve("nowhere").toString()))
        .satisfies(r -> assertThat(r.exitCode()).isEqualTo(2))
        .satisfies(r -> assertThat(r.err()).contains("no folder"));
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThat(Cli.run(env, "eval", "--founders", empty.toString()).err()).contains("no *.yaml");
    assertThat(Cli.run(env, "eval", "--founders", FOUNDERS.toString(), "--turns", "0").exitCode())
        .isEqualTo(2);
    assertThat(Cli.run(env, "eval", "--founders", FOUNDERS.toString(), "--turns", "x").exitCode())
        .isEqualTo(2);
    Cli.Result route = Cli.run(env, "eval", "--founders", FOUNDERS.toString(), "--route", "nope");
    assertThat(route.exitCode()).isEqualTo(2);
    assertThat(route.err()).contains("no route named 'nope'");
  }

  @Test
  void aBrokenFounderScriptStopsTheRunBeforeAnySessionAndNamesTheFile() throws Exception {
    String good = Files.readString(FOUNDERS.resolve("clinic-no-shows.yaml"));
    Map<String, String> broken =
        Map.of(
            "kind.yaml",
            good.replace("kind: b2b", "kind: spaceship"),
            "verdict.yaml",
            good.replace("verdict: test", "verdict: maybe"),
            "pattern.yaml",
            good.replace("\"problem\"", "\"(unclosed\""),
            "unknown.yaml",
            good + "mood: cheerful\n",
            "nofacts.yaml",
            good.substring(0, good.indexOf("facts:")) + "evasions: [\"Sure.\"]\n",
            "notyaml.yaml",
            "{{{ : ::",
            "huge.yaml",
            good + "#" + "x".repeat(70_000) + "\n",
            "control.yaml",
            good.replace("idea: \"", "idea: \"\u0000\u0000"));
    for (var e : broken.entrySet()) {
      Path folder = Files.createDirectories(dir.resolve(e.getKey().replace(".yaml", "")));
      Files.writeString(folder.resolve(e.getKey()), e.getValue());
      Cli.Result r = Cli.run(env, "eval", "--founders", folder.toString());
      assertThat(r.exitCode()).as(e.getKey() + ": " + r.all()).isEqualTo(2);
      assertThat(r.err()).as(e.getKey()).contains(e.getKey());
      assertThat(r.out()).as(e.getKey()).doesNotContain("founders, at most");
    }
  }
}
