package dev.socra.llm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capabilities per model: the provider's, the built-in table's, the file's, in that order. */
class ModelCapabilitiesTest {
  @TempDir Path dir;

  private static Capabilities of(String provider, String model) {
    return ProviderConfig.builtin(provider).build().capabilitiesOf(model);
  }

  @Test
  void theBuiltInTableKnowsWhatParticularModelsRefuse() {
    assertThat(of("anthropic", "claude-haiku-4-5").prefill()).isTrue();
    assertThat(of("anthropic", "claude-sonnet-4-20250514").prefill()).isTrue();
    assertThat(of("anthropic", "claude-sonnet-4-6").prefill()).isFalse();
    assertThat(of("anthropic", "claude-opus-4-7-20260301").prefill()).isFalse();
    assertThat(of("anthropic", "claude-sonnet-5").prefill()).isFalse();

    Capabilities o3 = of("openai", "o3-mini");
    assertThat(o3.tokenLimit()).isEqualTo(TokenLimitField.MAX_COMPLETION_TOKENS);
    assertThat(o3.sampling()).isEmpty();
    assertThat(o3.supports(Feature.TEMPERATURE)).isFalse();
    assertThat(of("openai", "gpt-5-mini").sampling()).isEmpty();
    assertThat(of("openai", "gpt-4o-mini").strictSchema()).isTrue();
    assertThat(of("openai", "gpt-4o-mini").supports(Feature.TEMPERATURE)).isTrue();

    assertThat(of("google", "gemini-2.5-flash-lite").schemaDialect())
        .isEqualTo(SchemaDialect.GEMINI);
    assertThat(of("groq", "llama-3.1-8b-instant").jsonSchema()).isFalse();
    assertThat(of("groq", "openai/gpt-oss-20b").strictSchema()).isTrue();
    assertThat(of("groq", "meta-llama/llama-4-scout-17b-16e-instruct").vision()).isTrue();
    // a model nobody named keeps its provider's capabilities
    assertThat(of("groq", "some-new-model"))
        .isEqualTo(ProviderConfig.builtin("groq").build().capabilities());
  }

  @Test
  void aDeclaredModelWinsAnExactNameBeforeTheLongestPattern() {
    ProviderConfig p =
        ProviderConfig.builtin("openai")
            .model("o*", Capabilities.NONE)
            .model("o4*", Capabilities.NONE.withTools(true))
            .model("o4-mini", Capabilities.NONE.withVision(true))
            .build();
    assertThat(p.capabilitiesOf("o4-mini").vision()).isTrue();
    assertThat(p.capabilitiesOf("o4-mini-high").tools()).isTrue();
    assertThat(p.capabilitiesOf("o3")).isEqualTo(Capabilities.NONE);
    assertThat(p.capabilitiesOf("gpt-4o-mini").strictSchema()).isTrue();
  }

  @Test
  void whatATargetRefusedIsTakenAwayFromWhatItDeclared() {
    Capabilities c = of("openai", "gpt-4o-mini");
    assertThat(c.without(Feature.STRICT_SCHEMA).jsonSchema()).isTrue();
    assertThat(c.without(Feature.STRICT_SCHEMA).strictSchema()).isFalse();
    assertThat(c.without(Feature.JSON_SCHEMA).jsonSchema()).isFalse();
    assertThat(of("groq", "x").without(Feature.MAX_TOKENS_FIELD).tokenLimit())
        .isEqualTo(TokenLimitField.MAX_COMPLETION_TOKENS);
    assertThat(c.without(Feature.TEMPERATURE).sampling())
        .isEqualTo(
            EnumSet.of(
                Feature.TOP_P,
                Feature.STOP,
                Feature.SEED,
                Feature.FREQUENCY_PENALTY,
                Feature.PRESENCE_PENALTY));
  }

  private RouterConfig load(String yaml) throws IOException {
    Path file = dir.resolve("socra.yaml");
    Files.writeString(file, yaml);
    return ConfigLoader.load(
        Map.of("SOCRA_CONFIG", file.toString(), "OPENAI_API_KEY", "test-key-openai-abcdefghijkl"));
  }

  @Test
  void theFileDeclaresAModelByWritingOnlyItsDifferences() throws IOException {
    RouterConfig c =
        load(
            """
            providers:
              openai:
                models:
                  "o4*": { token_limit: max_tokens, sampling: [temperature, seed] }
                  gpt-4o-mini: { strict_schema: false, tools: false }
            """);
    ProviderConfig openai = c.providers().get("openai");
    Capabilities o4 = openai.capabilitiesOf("o4-mini");
    assertThat(o4.tokenLimit()).isEqualTo(TokenLimitField.MAX_TOKENS);
    assertThat(o4.sampling()).isEqualTo(Set.of(Feature.TEMPERATURE, Feature.SEED));
    assertThat(o4.jsonSchema()).as("the rest as the table has it").isTrue();
    Capabilities mini = openai.capabilitiesOf("gpt-4o-mini");
    assertThat(mini.strictSchema()).isFalse();
    assertThat(mini.jsonSchema()).isTrue();
    assertThat(mini.tools()).isFalse();
  }

  @Test
  void aWrongWordInACapabilityIsNamedWithWhatItTakes() {
    assertThatThrownBy(
            () -> load("providers: { openai: { models: { o3: { sampling: [heat] } } } }\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("providers.openai.models.o3.sampling[0]")
        .hasMessageContaining(
            "temperature, top_p, stop, seed, frequency_penalty or presence_penalty");
    assertThatThrownBy(
            () -> load("providers: { openai: { capabilities: { token_limit: max } } }\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("max_tokens or max_completion_tokens");
    assertThatThrownBy(
            () -> load("providers: { openai: { capabilities: { schema_dialect: xml } } }\n"))
        .hasMessageContaining("openai or gemini");
    assertThatThrownBy(() -> load("providers: { openai: { models: { o3: ~ } } }\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("providers.openai.models.o3");
  }
}
