package dev.socra.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.llm.testkit.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code socra check} against fakes as strict as the real APIs, each at its provider's path. */
class CheckCommandTest {
  @AutoClose FakeProvider fake = FakeProvider.start(0);
  @TempDir Path dir;

  /** Every built-in provider at the fake, each at its own API's path. */
  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>(FakeEnv.KEYS);
    env.put("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl());
    env.put("GOOGLE_BASE_URL", fake.geminiBaseUrl());
    env.put("GROQ_BASE_URL", fake.groqBaseUrl());
    env.put("OPENAI_BASE_URL", fake.openAiBaseUrl());
    return env;
  }

  @Test
  void withoutYesAndNoTerminalToAskOnItSpendsNothingAndSaysToPassYes() {
    Cli.Result r = Cli.run(env(), "check");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).contains("about").contains("tokens a target");
    assertThat(r.err()).contains("pass --yes");
    assertThat(fake.attempts()).isEmpty();
  }

  @Test
  void atATerminalItAsksFirstAndAnythingButYesSendsNothing() {
    Cli.Result no = Cli.runAtTerminal(env(), "n\n", "check", "--route", "default");
    assertThat(no.exitCode()).isEqualTo(2);
    assertThat(no.out()).contains("Go on? [y/N]");
    assertThat(no.err()).contains("nothing was sent");
    assertThat(fake.attempts()).isEmpty();

    Cli.Result yes = Cli.runAtTerminal(env(), "y\n", "check");
    assertThat(yes.exitCode()).isZero();
    assertThat(fake.attempts()).isNotEmpty();
  }

  @Test
  void everyBuiltInProviderWorksAndTakesWhatItDeclares() {
    Cli.Result r = Cli.run(env(), "check", "--yes");
    assertThat(r.exitCode()).as(r.all()).isZero();
    String out = r.out();
    assertThat(out)
        .contains("openai/gpt-4o-mini  [openai " + fake.openAiBaseUrl() + "]")
        .contains("4 of 4 targets work");
    assertThat(section(out, "openai/gpt-4o-mini"))
        .contains("json_schema (strict) accepted")
        .contains("usage reported")
        .contains("OPENAI_API_KEY test…7777");
    assertThat(section(out, "google/gemini-2.5-flash-lite")).contains("json_schema accepted");
    assertThat(section(out, "groq/llama-3.1-8b-instant"))
        .contains("json_object accepted (no json_schema declared) → JSON mode + validation here")
        .contains("continues \"The single word is\"");
    assertThat(section(out, "anthropic/claude-haiku-4-5")).contains("JSON by instruction");
    assertThat(out).contains("groq/llama-3.1-8b-instant: Socra uses JSON mode + validation here");
    assertThat(r.all()).doesNotContain("SOCRAleakcheck");
  }

  @Test
  void whatATargetRefusesIsReportedWithWhatSocraWillDoThere() throws Exception {
    Path file = dir.resolve("socra.yaml");
    Files.writeString(
        file,
        """
        providers:
          anthropic:
            model: claude-sonnet-4-6
            models: { claude-sonnet-4-6: { prefill: true } }   # declared before it stopped
        routes:
          default: [anthropic]
        """);
    Map<String, String> env = env();
    env.put("SOCRA_CONFIG", file.toString());
    Cli.Result r = Cli.run(env, "check", "--yes");
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(section(r.out(), "anthropic/claude-sonnet-4-6"))
        .contains("prefill")
        .contains("fallback")
        .contains("refused");
    assertThat(r.out())
        .contains(
            "anthropic/claude-sonnet-4-6: Socra does not continue a broken stream here (marked for"
                + " this process)");
  }

  @Test
  void aSchemaOutsideATargetsSubsetFallsBackToJsonModeAndSaysWhy() throws Exception {
    Path file = dir.resolve("socra.yaml");
    Files.writeString(
        file,
        """
        providers:
          gemini-proxy:
            base_url: %s
            key_env: GOOGLE_API_KEY
            model: proxied-model
            capabilities: { json_schema: true, json_object: true }
        routes:
          default: [gemini-proxy]
        """
            .formatted(fake.geminiBaseUrl()));
    Map<String, String> env = env();
    env.put("SOCRA_CONFIG", file.toString());
    Cli.Result r = Cli.run(env, "check", "--yes");
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.out())
        .contains("json_schema refused for $defs → json_object accepted")
        .contains("gemini-proxy/proxied-model: Socra uses JSON mode + validation here");
  }

  @Test
  void aTargetThatRejectsItsKeyMakesItExitOne() {
    Map<String, String> env = env();
    env.put("OPENAI_MODEL", "status=401");
    Cli.Result r = Cli.run(env, "check", "--yes", "--route", "default");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(section(r.out(), "openai/status=401")).contains("key").contains("FAILED");
    assertThat(r.out()).contains("3 of 4 targets work");
  }

  @Test
  void badConfigurationOrNothingToCheckExitsTwo() {
    Map<String, String> env = env();
    env.put("SOCRA_ROUTE", "nosuch");
    assertThat(Cli.run(env, "check", "--yes").exitCode()).isEqualTo(2);
    Cli.Result demo = Cli.run(Map.of(), "check", "--yes");
    assertThat(demo.exitCode()).isEqualTo(2);
    assertThat(demo.err()).contains("nothing to check");
    Cli.Result route = Cli.run(env(), "check", "--yes", "--route", "nope");
    assertThat(route.exitCode()).isEqualTo(2);
    assertThat(fake.attempts()).isEmpty();
  }

  /** The lines of one target's block. */
  private static String section(String out, String target) {
    int at = out.indexOf(target + "  [");
    assertThat(at).as("a block for " + target + " in:\n" + out).isNotNegative();
    int end = out.indexOf("\n\n", at);
    return out.substring(at, end < 0 ? out.length() : end);
  }
}
