package dev.socra.core.structured;

import dev.socra.llm.ChatResponse;
import java.util.List;

/** No target produced a valid value, repairs included. The message carries the last errors. */
public final class StructuredOutputException extends RuntimeException {
  private final transient List<ChatResponse> calls;

  public StructuredOutputException(String message, List<ChatResponse> calls, Throwable cause) {
    super(message, cause);
    this.calls = List.copyOf(calls);
  }

  public List<ChatResponse> calls() {
    return calls;
  }
}
