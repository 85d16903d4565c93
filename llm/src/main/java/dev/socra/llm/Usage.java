package dev.socra.llm;

/**
 * Tokens of one attempt or one call.
 *
 * @param estimated true when the provider reported no usage and Socra counted with a tokenizer
 */
public record Usage(int inputTokens, int outputTokens, boolean estimated) {
  public static final Usage NONE = new Usage(0, 0, false);

  public Usage plus(Usage other) {
    return new Usage(
        inputTokens + other.inputTokens,
        outputTokens + other.outputTokens,
        estimated || other.estimated);
  }

  public int total() {
    return inputTokens + outputTokens;
  }
}
