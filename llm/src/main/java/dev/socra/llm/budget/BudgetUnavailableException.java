package dev.socra.llm.budget;

import java.time.Duration;

/**
 * A shared {@link BudgetStore} cannot be reached (several servers keep their budgets in Redis, and
 * Redis is down): no call may be sent, since nobody can tell whether it fits the provider's limits.
 * The call ends with {@code BUDGETS_UNAVAILABLE} and {@link #retryAfter()}; it is never sent on a
 * guess.
 */
public class BudgetUnavailableException extends RuntimeException {
  private final Duration retryAfter;

  public BudgetUnavailableException(String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  /** When to try again. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
