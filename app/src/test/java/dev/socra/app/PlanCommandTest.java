package dev.socra.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code socra plan} against keys from the environment; planning never calls a provider. */
class PlanCommandTest {
  static final String GROQ_KEY = FakeEnv.KEYS.get("GROQ_API_KEY");
  static final String GOOGLE_KEY = FakeEnv.KEYS.get("GOOGLE_API_KEY");

  static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void groqAloneShowsTheSeedsFailureAsWarnings() {
    Cli.Result r = Cli.run(env("GROQ_API_KEY", GROQ_KEY), "plan");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("Plan for route default")
        .contains("1. groq/llama-3.1-8b-instant")
        .contains("30 rpm, 6000 tpm")
        .contains("WARNING: specialists:")
        .contains("wait for budget")
        .contains("WARNING: synthesis: 1 of 1 calls (12,700 in / 2,500 out) fit no target")
        .contains("where it breaks: at 1 session a minute");
    assertThat(r.all()).doesNotContain(GROQ_KEY);
  }

  @Test
  void aRoomySecondTargetTakesTheSpillOverWithoutWaiting() {
    Cli.Result r =
        Cli.run(
            env(
                "GROQ_API_KEY",
                GROQ_KEY,
                "GOOGLE_API_KEY",
                GOOGLE_KEY,
                "SOCRA_ROUTE",
                "groq,google"),
            "plan");
    assertThat(r.exitCode()).isZero();
    String specialists = line(r.out(), "  specialists");
    assertThat(specialists).contains("google").contains("none");
    assertThat(r.out()).contains("spill-over: specialists").doesNotContain("WARNING: specialists");
  }

  @Test
  void sessionsPerMinuteShowsWhereTheRouteBreaks() {
    // Three simulated minutes of sessions: on simulated time, so this takes no real minutes.
    Cli.Result r =
        Cli.run(
            env(
                "GROQ_API_KEY",
                GROQ_KEY,
                "GOOGLE_API_KEY",
                GOOGLE_KEY,
                "SOCRA_ROUTE",
                "google,groq"),
            "plan",
            "--sessions-per-minute",
            "60");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("At 60 sessions a minute, arriving evenly for 3 minutes (180 sessions)")
        .contains("wall per session: median")
        .containsPattern("where it breaks: at \\d+ sessions? a minute")
        .contains("WARNING: at 60 sessions a minute")
        .contains("WARNING: google/gemini-2.5-flash-lite: its 1,000 requests a day run out");
  }

  @Test
  void demoModeStillPlansAndSaysTheStubHasNoLimits() {
    Cli.Result r = Cli.run(Map.of(), "plan");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("1. stub/socra-demo")
        .contains("no limits")
        .contains("NOTE: stub/socra-demo is the demo stub: it has no limits")
        .contains("no call waits or fails up to 60 sessions a minute")
        .doesNotContain("WARNING");
  }

  @Test
  void aLimitFromTheEnvironmentIsTheOnePlanned() {
    Cli.Result r =
        Cli.run(
            env("GROQ_API_KEY", GROQ_KEY, "GROQ_TPM", "1000000", "GROQ_RPM", "1000"),
            "plan",
            "--route",
            "default");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("1000 rpm, 1000000 tpm").doesNotContain("WARNING: specialists");
  }

  @Test
  void badUsageAndUnknownRoutesExitTwo() {
    Map<String, String> groq = env("GROQ_API_KEY", GROQ_KEY);
    Cli.Result unknown = Cli.run(groq, "plan", "--route", "nope");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no route named 'nope'");
    assertThat(Cli.run(groq, "plan", "--sessions-per-minute", "0").exitCode()).isEqualTo(2);
    assertThat(Cli.run(groq, "plan", "--sessions-per-minute", "lots").exitCode()).isEqualTo(2);
    assertThat(Cli.run(env("SOCRA_ROUTE", "groq"), "plan").exitCode()).isEqualTo(2);
  }

  private static String line(String text, String prefix) {
    return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
  }
}
