package dev.socra.llm;

/** Who wrote a message. The system prompt is not a message: it travels in {@link ChatRequest}. */
public enum Role {
  USER,
  ASSISTANT;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
