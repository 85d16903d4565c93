package dev.socra.llm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiKeyTest {
  private static final String KEY = "test-key-groq-8d7f6e5d4c3b2a19f2c";

  @Test
  void removesWhatCopyAndPasteAdds() {
    assertThat(ApiKey.clean("GROQ_API_KEY", KEY + "\n").reveal()).isEqualTo(KEY);
    assertThat(ApiKey.clean("GROQ_API_KEY", "  " + KEY + "\r\n").reveal()).isEqualTo(KEY);
    assertThat(ApiKey.clean("GROQ_API_KEY", "\"" + KEY + "\"").reveal()).isEqualTo(KEY);
    assertThat(ApiKey.clean("GROQ_API_KEY", "'" + KEY + "'\n").reveal()).isEqualTo(KEY);
    assertThat(ApiKey.clean("GROQ_API_KEY", "\uFEFF" + KEY + "\u00A0").reveal()).isEqualTo(KEY);
  }

  @Test
  void anEmptyValueIsNoKey() {
    assertThat(ApiKey.clean("GROQ_API_KEY", null)).isNull();
    assertThat(ApiKey.clean("GROQ_API_KEY", " \n")).isNull();
    assertThat(ApiKey.clean("GROQ_API_KEY", "\"\"")).isNull();
  }

  @Test
  void aKeyWithAnInnerIllegalCharacterIsRefusedWithOnlyItsFingerprint() {
    String bad = "test-key-groq-8d7f6e5d\n4c3b2a19f2c";
    assertThatThrownBy(() -> ApiKey.clean("GROQ_API_KEY", bad))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("GROQ_API_KEY")
        .hasMessageContaining("a newline")
        .hasMessageContaining("test…9f2c")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("8d7f6e5d"));
  }

  @Test
  void printsAsAFingerprint() {
    ApiKey key = ApiKey.clean("GROQ_API_KEY", KEY);
    assertThat(key.toString()).isEqualTo("GROQ_API_KEY=test…9f2c").doesNotContain(KEY);
    assertThat(ApiKey.fingerprint("short")).doesNotContain("short");
  }
}
