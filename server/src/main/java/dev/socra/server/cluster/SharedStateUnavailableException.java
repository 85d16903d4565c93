package dev.socra.server.cluster;

import java.time.Duration;

/**
 * Redis, where the servers keep what they share, cannot be reached: the request that needed it is
 * refused with 503 and {@code Retry-After}; nothing stored in the database is lost.
 */
public class SharedStateUnavailableException extends RuntimeException {
  private final Duration retryAfter;

  public SharedStateUnavailableException(String message, Duration retryAfter, Throwable cause) {
    super(message, cause, false, false);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
