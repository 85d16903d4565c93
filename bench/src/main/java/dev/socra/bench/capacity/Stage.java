package dev.socra.bench.capacity;

/**
 * One call of the pipeline.
 *
 * @param name what the call is for, as the results name it
 * @param inputTokens the prompt's size as the fakes count it (words plus one per message)
 * @param outputTokens the answer's length; also the request's {@code max_tokens}
 */
record Stage(String name, int inputTokens, int outputTokens) {

  /** What the Groq-like fake charges for this call: input plus the reserved output. */
  int cost() {
    return inputTokens + outputTokens;
  }
}
