package dev.socra.llm.config;

/**
 * How a model's OpenAI-compatible API spells the request's output cap. OpenAI's reasoning models
 * (o1, o3, o4, gpt-5) refuse {@code max_tokens} ("Unsupported parameter: 'max_tokens' is not
 * supported with this model. Use 'max_completion_tokens' instead."); OpenAI deprecated it for all
 * its models; Gemini's, Groq's and most self-hosted servers still read {@code max_tokens}.
 * Anthropic's Messages API has only {@code max_tokens}, and requires it.
 */
public enum TokenLimitField {
  MAX_TOKENS("max_tokens"),
  MAX_COMPLETION_TOKENS("max_completion_tokens");

  private final String wireName;

  TokenLimitField(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
