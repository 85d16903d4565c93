package dev.socra.server.account;

import java.time.Duration;

/**
 * Every password-hashing slot stayed busy for as long as a request may wait: the server is under a
 * flood of sign-ins or sign-ups. Answered 503 with {@code Retry-After}.
 */
public class HashingBusyException extends RuntimeException {
  private final Duration retryAfter;

  public HashingBusyException(Duration retryAfter) {
    super(
        "the server is busy checking passwords; try again in "
            + Math.max(1, retryAfter.toSeconds())
            + " s");
    this.retryAfter = retryAfter;
  }

  public long retryAfterSeconds() {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }
}
