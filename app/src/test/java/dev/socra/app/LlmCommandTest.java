package dev.socra.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.llm.testkit.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmCommandTest {
  @AutoClose FakeProvider fake = FakeProvider.start(0);
  @TempDir Path dir;
  Map<String, String> env = new HashMap<>(FakeEnv.all(fake));

  /** Short waits only: the same retries, and the stub at machine speed. */
  @BeforeEach
  void quickRetries() throws Exception {
    Path config = dir.resolve("socra.yaml");
    Files.writeString(config, "retry: { transient_backoff: 1ms }\nstub: { token_delay: 0ms }\n");
    env.put("SOCRA_CONFIG", config.toString());
  }

  @Test
  void printsTheAnswer() {
    env.put("SOCRA_ROUTE", "groq");
    Cli.Result r = Cli.run(env, "llm", "What", "is", "the", "wedge?");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().strip()).isEqualTo(FakeProvider.canonicalAnswer("What is the wedge?", 12));
  }

  @Test
  void streamsAndTracesAFailover() {
    env.put("GROQ_MODEL", "status=503");
    env.put("SOCRA_ROUTE", "groq,google");
    Cli.Result r =
        Cli.run(
            env,
            "llm",
            "--stream",
            "--trace",
            "--system",
            "Be brief.",
            "--max-tokens",
            "50",
            "Why you?");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().strip()).isEqualTo(FakeProvider.canonicalAnswer("Why you?", 12));
    assertThat(r.err())
        .contains("route default")
        .contains("trace: #1 groq/status=503 overloaded 503")
        .contains("trace: #2 google/gemini-2.5-flash-lite ok 200");
    assertThat(fake.attempts().getLast().stream()).isTrue();
    assertThat(fake.attempts().getLast().maxTokens()).isEqualTo(50);
  }

  @Test
  void jsonCarriesTheServingTargetAndEveryAttempt() throws Exception {
    env.put("ANTHROPIC_MODEL", "status=529");
    Cli.Result r = Cli.run(env, "llm", "--json", "Who churns?");
    assertThat(r.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.path("served_by").asText()).isEqualTo("google/gemini-2.5-flash-lite");
    assertThat(json.path("attempts")).hasSize(2);
    assertThat(json.path("attempts").get(0).path("outcome").asText()).isEqualTo("overloaded");
    assertThat(json.path("attempts").get(0).path("http_status").asInt()).isEqualTo(529);
    assertThat(json.path("attempts").get(1).path("output_tokens").asInt()).isEqualTo(12);
    assertThat(json.path("cost_usd").decimalValue()).isPositive();
  }

  @Test
  void whenEveryTargetFailsItExitsOneWithTheRealCause() {
    env.put("SOCRA_ROUTE", "groq");
    env.put("GROQ_MODEL", "status=400+code=content_filter");
    Cli.Result r = Cli.run(env, "llm", "anything");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("content_filter");
  }

  @Test
  void aStreamCutWithNothingToContinueItIsNeverShownAsComplete() {
    env.put("SOCRA_ROUTE", "groq,openai");
    env.put("GROQ_MODEL", "cut-after=4");
    Cli.Result r = Cli.run(env, "llm", "--stream", "Cut me");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("cut off");
  }

  @Test
  void badUsageExitsTwo() {
    assertThat(Cli.run(env, "llm").exitCode()).isEqualTo(2);
    assertThat(Cli.run(env, "llm", "--max-tokens", "0", "hi").exitCode()).isEqualTo(2);
    assertThat(Cli.run(env, "llm", "--max-tokens", "many", "hi").exitCode()).isEqualTo(2);
    assertThat(Cli.run(env, "llm", "--route", "nope", "hi").exitCode()).isEqualTo(2);
    assertThat(Cli.run(env, "llm", "  ").exitCode()).isEqualTo(2);
    assertThat(Cli.run(env, "frobnicate").exitCode()).isEqualTo(2);
  }

  @Test
  void badConfigExitsTwoWithOneClearMessage() {
    env.put("GROQ_API_KEY", "test-key-groq-abcdefgh\u200Bijklmnopqrst");
    Cli.Result r = Cli.run(env, "routes");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("GROQ_API_KEY")
        .contains("U+200B")
        .contains("test…qrst")
        .doesNotContain("abcdefgh");
    assertThat(r.err().strip().lines()).hasSize(1);

    env.remove("GROQ_API_KEY");
    env.put("SOCRA_ROUTE", "groq");
    Cli.Result route = Cli.run(env, "llm", "hi");
    assertThat(route.exitCode()).isEqualTo(2);
    assertThat(route.err()).contains("GROQ_API_KEY is not set");
  }

  @Test
  void aKeyPastedWithANewlineStillWorks() {
    env.put("SOCRA_ROUTE", "groq");
    env.put("GROQ_API_KEY", "\"test-key-groq-SOCRAleakcheck-CCCC5555\"\n");
    assertThat(Cli.run(env, "llm", "hi").exitCode()).isZero();
  }

  @Test
  void withNoKeyTheStubAnswersInDemoMode() {
    // no key, only the configuration above
    Cli.Result r =
        Cli.run(
            Map.of("SOCRA_CONFIG", env.get("SOCRA_CONFIG")),
            "llm",
            "--stream",
            "An app for dog walkers");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("demo mode").contains("An app for dog walkers");
  }
}
