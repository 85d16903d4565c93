package dev.socra.llm;

import java.util.List;

/**
 * A call that did not produce a complete answer. The message carries the real cause: the provider's
 * own reason where there was one.
 */
public final class LlmCallException extends RuntimeException {

  /** Why the call ended without an answer. */
  public enum Failure {
    /** Every target was tried or skipped, and none answered. */
    ALL_TARGETS_FAILED,
    /** The provider refused the request itself; another target would refuse it too. */
    REFUSED,
    /** The prompt fits no target's context window. */
    CONTEXT_TOO_LONG,
    /** A stream broke after text was delivered, and no target could continue it. */
    STREAM_INTERRUPTED,
    /** The call's deadline passed. */
    DEADLINE_EXCEEDED,
    /** The call's attempt budget ran out. */
    ATTEMPTS_EXHAUSTED,
    /** The request is larger than the whole budget of every target on its route. */
    EXCEEDS_EVERY_BUDGET,
    /** The caller's own sink failed, so the call was stopped. */
    CALLER_ABORTED,
    /**
     * The calling thread was interrupted (a server shutting down, a cancelled task): the call
     * stopped where it was, and no target was blamed for it.
     */
    INTERRUPTED,
    /** The request names a route that does not exist. */
    NO_SUCH_ROUTE,
    /**
     * A spending limit the caller keeps (a user's daily cap) has no room for the call; {@link
     * #retryAfter()} says when it resets.
     */
    SPEND_LIMIT,
    /**
     * The budgets several servers share (in Redis) cannot be reached, so nothing is sent; {@link
     * #retryAfter()} says when to try again.
     */
    BUDGETS_UNAVAILABLE
  }

  private final Failure failure;
  private final List<Attempt> attempts;
  private final String partialText;
  private final java.time.Duration retryAfter;

  public LlmCallException(
      Failure failure, String message, List<Attempt> attempts, String partialText) {
    this(failure, message, attempts, partialText, null);
  }

  /**
   * @param retryAfter when every target was only cooling down: how long until the first is free
   *     again; null otherwise
   */
  public LlmCallException(
      Failure failure,
      String message,
      List<Attempt> attempts,
      String partialText,
      java.time.Duration retryAfter) {
    super(message);
    this.failure = failure;
    this.attempts = List.copyOf(attempts);
    this.partialText = partialText == null ? "" : partialText;
    this.retryAfter = retryAfter;
  }

  /**
   * How long until a target is free again, when every target was only cooling down; until the limit
   * resets, for {@link Failure#SPEND_LIMIT}.
   */
  public java.util.Optional<java.time.Duration> retryAfter() {
    return java.util.Optional.ofNullable(retryAfter);
  }

  public Failure failure() {
    return failure;
  }

  public List<Attempt> attempts() {
    return attempts;
  }

  /** Text already delivered to a stream's sink before it broke; never a complete answer. */
  public String partialText() {
    return partialText;
  }
}
