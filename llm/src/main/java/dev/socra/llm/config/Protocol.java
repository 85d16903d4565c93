package dev.socra.llm.config;

/** The wire format a provider speaks. */
public enum Protocol {
  /** Anthropic's Messages API. */
  ANTHROPIC,
  /** OpenAI's Chat Completions, as spoken by OpenAI, Gemini, Groq, OpenRouter, Ollama, vLLM ... */
  OPENAI,
  /** Socra's built-in demo provider: no network, no key. */
  STUB;

  public static Protocol parse(String text, String where) {
    return switch (text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "anthropic" -> ANTHROPIC;
      case "openai", "openai-compatible" -> OPENAI;
      case "stub" -> STUB;
      default ->
          throw new ConfigException(
              where + ": protocol must be openai or anthropic, was '" + text + "'");
    };
  }
}
