package dev.socra.llm;

/** Who wrote a message. The system prompt is not a message: it travels in {@link ChatRequest}. */
public enum Role {
  USER,
  ASSISTANT,
  /**
   * The caller's result of a tool the assistant asked for ({@link Message#toolResult}): OpenAI's
   * {@code tool} message, Anthropic's {@code tool_result} block in the next user turn.
   */
  TOOL;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
