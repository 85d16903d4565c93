package dev.socra.llm.plan;

/**
 * One step of a pipeline: {@code calls} requests of the same size, fired together or one after
 * another. The next stage starts when every call of this one has finished.
 *
 * @param outputPerCall the output each call reserves ({@code max_tokens}) and, as planned, produces
 */
public record Stage(
    String name, int calls, long inputPerCall, long outputPerCall, boolean parallel) {
  public Stage {
    if (calls < 1 || inputPerCall < 1 || outputPerCall < 0) {
      throw new IllegalArgumentException(
          "stage " + name + " needs at least one call with some input, and no negative output");
    }
  }

  public long inputTokens() {
    return calls * inputPerCall;
  }

  public long outputTokens() {
    return calls * outputPerCall;
  }
}
