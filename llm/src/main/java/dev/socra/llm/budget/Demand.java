package dev.socra.llm.budget;

/**
 * What one request will take from a budget, estimated before it is sent: its input and the output
 * it reserves ({@code max_tokens}), as providers count a request against their limits.
 */
public record Demand(long inputTokens, long outputTokens) {
  public long total() {
    return inputTokens + outputTokens;
  }
}
