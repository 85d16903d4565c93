package dev.socra.llm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socra.llm.route.TargetId;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void noKeyMeansDemoMode() {
    RouterConfig c = ConfigLoader.load(Map.of());
    assertThat(c.routes().get("default")).containsExactly(new TargetId("stub", "socra-demo"));
  }

  @Test
  void theDefaultOrderIsAnthropicGoogleGroqOpenAiWithOnlyKeyedProviders() {
    RouterConfig c =
        ConfigLoader.load(
            Map.of(
                "GROQ_API_KEY",
                "test-key-groq-aaaaaaaaaaaa",
                "GOOGLE_API_KEY",
                "test-key-google-aaaaaaaaaa",
                "OPENAI_API_KEY",
                "test-key-openai-aaaaaaaaaa"));
    assertThat(c.routes().get("default"))
        .extracting(TargetId::toString)
        .containsExactly(
            "google/gemini-2.5-flash-lite", "groq/llama-3.1-8b-instant", "openai/gpt-4o-mini");
  }

  @Test
  void theStubIsNeverAddedBehindRealProviders() {
    RouterConfig c = ConfigLoader.load(Map.of("GROQ_API_KEY", "test-key-groq-aaaaaaaaaaaa"));
    assertThat(c.routes().get("default")).extracting(TargetId::provider).doesNotContain("stub");
  }

  @Test
  void socraRouteSetsTheOrderAndModelOverridesApply() {
    RouterConfig c =
        ConfigLoader.load(
            Map.of(
                "GROQ_API_KEY", "test-key-groq-aaaaaaaaaaaa",
                "GOOGLE_API_KEY", "test-key-google-aaaaaaaaaa",
                "GROQ_MODEL", "llama-3.3-70b-versatile",
                "GOOGLE_BASE_URL", "http://127.0.0.1:9/v1/",
                "SOCRA_ROUTE", "groq, google"));
    assertThat(c.routes().get("default"))
        .extracting(TargetId::toString)
        .containsExactly("groq/llama-3.3-70b-versatile", "google/gemini-2.5-flash-lite");
    assertThat(c.providers().get("google").baseUrl().toString()).isEqualTo("http://127.0.0.1:9/v1");
  }

  @Test
  void aRouteNamingAProviderWithoutAKeyIsRefused() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("SOCRA_ROUTE", "groq")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("GROQ_API_KEY is not set");
  }

  @Test
  void aBadUrlIsNamed() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("GROQ_BASE_URL", "ftp://x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("GROQ_BASE_URL");
  }

  @Test
  void theFileAddsProvidersRoutesAndPrices() throws IOException {
    Path file = dir.resolve("socra.yaml");
    Files.writeString(
        file,
        """
        providers:
          local:
            protocol: openai
            base_url: http://127.0.0.1:11434/v1
            model: llama3.2
            context_window: 8192
            capabilities: { prefill: true }
            price: { input: 0, output: 0, as_of: 2026-11-01, source: self-hosted }
          openrouter:
            base_url: https://openrouter.ai/api/v1
            key_env: OPENROUTER_API_KEY
            model: meta-llama/llama-3.3-70b-instruct
        routes:
          default: [groq, openrouter]
          local: [local]
        prices:
          openrouter/meta-llama/llama-3.3-70b-instruct: { input: 0.12, output: 0.3 }
        timeouts: { first_token: 3s, stall: 500ms }
        retry: { max_attempts: 4 }
        """);
    RouterConfig c =
        ConfigLoader.load(
            Map.of(
                "SOCRA_CONFIG", file.toString(),
                "GROQ_API_KEY", "test-key-groq-aaaaaaaaaaaa",
                "OPENROUTER_API_KEY", "test-key-openrouter-aaaaaaaa"));
    assertThat(c.routes().get("default"))
        .extracting(TargetId::toString)
        .containsExactly(
            "groq/llama-3.1-8b-instant", "openrouter/meta-llama/llama-3.3-70b-instruct");
    assertThat(c.routes().get("local")).containsExactly(new TargetId("local", "llama3.2"));
    assertThat(c.providers().get("local").capabilities().prefill()).isTrue();
    assertThat(c.providers().get("local").contextWindow()).isEqualTo(8192);
    assertThat(c.timeouts().stall().toMillis()).isEqualTo(500);
    assertThat(c.retry().maxAttempts()).isEqualTo(4);
    assertThat(
            c.prices()
                .cost(
                    new TargetId("openrouter", "meta-llama/llama-3.3-70b-instruct"), 1_000_000, 0))
        .isEqualByComparingTo(new BigDecimal("0.12"));
    assertThat(c.routeSource()).contains("routes.default");
  }

  @Test
  void anUnknownSettingIsNamed() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "timeouts:\n  firsttoken: 3s\n");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("SOCRA_CONFIG", file.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("firsttoken");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(
            () -> ConfigLoader.load(Map.of("SOCRA_CONFIG", dir.resolve("nope.yaml").toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SOCRA_CONFIG");
  }

  @Test
  void aKeyWithANewlineInsideStopsLoading() {
    assertThatThrownBy(
            () -> ConfigLoader.load(Map.of("GROQ_API_KEY", "test-key-groq-abcdefgh\nijklmnop")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("GROQ_API_KEY")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("abcdefgh"));
  }

  @Test
  void aTrailingNewlineIsCleaned() {
    RouterConfig c = ConfigLoader.load(Map.of("GROQ_API_KEY", "test-key-groq-abcdefghijklmnop\n"));
    assertThat(c.providers().get("groq").key().reveal())
        .isEqualTo("test-key-groq-abcdefghijklmnop");
    assertThat(List.of(c.routes().get("default").getFirst().provider())).containsExactly("groq");
  }
}
