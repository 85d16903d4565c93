package dev.socra.llm.spend;

import java.time.Duration;

/** A {@link SpendGate} found no room: the message says whose limit and when it resets. */
public class SpendRefusedException extends RuntimeException {
  private final Duration retryAfter;

  public SpendRefusedException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  /** Until the limit resets. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
