package dev.socra.llm.outcome;

import java.time.Duration;
import java.util.Optional;

/**
 * Every way one attempt can end. The router's decisions are a switch over this closed set, so a new
 * kind of failure cannot slip through unhandled.
 */
public sealed interface Outcome {

  /** A short human-readable cause, as the provider gave it where it gave one. */
  String detail();

  /** Short name for traces, logs and the ledger. */
  default String kind() {
    return switch (this) {
      case Success s -> "ok";
      case RateLimited r -> "rate-limited";
      case Overloaded o -> "overloaded";
      case Transient t -> "transient";
      case Silent s -> "silent";
      case AuthFailed a -> "auth";
      case QuotaExhausted q -> "quota";
      case ContextTooLong c -> "context-too-long";
      case Refused r -> "refused";
      case Skipped s -> "skipped";
      case Abandoned a -> "abandoned";
      case TooLarge t -> "too-large";
      case Unsupported u -> "unsupported";
    };
  }

  default boolean isSuccess() {
    return this instanceof Success;
  }

  record Success(String detail) implements Outcome {}

  /** 429: wait is the provider's own figure when it gave one. */
  record RateLimited(Optional<Duration> retryAfter, String detail) implements Outcome {}

  /** 503, 529, {@code overloaded_error}: the provider is busy; another target may not be. */
  record Overloaded(String detail) implements Outcome {}

  /** 500, 502, 504, 408, connection reset or refused, a malformed body: worth one more try. */
  record Transient(String detail) implements Outcome {}

  /** No headers, no first token, or a stalled stream within the configured limits. */
  record Silent(String detail) implements Outcome {}

  /** 401, 403: the key is wrong; nothing will change until the configuration does. */
  record AuthFailed(String detail) implements Outcome {}

  /**
   * 402, {@code insufficient_quota}, a per-day quota spent, a model not on the account's tier
   * (Gemini's {@code limit: 0}): the account is out of money, credit or quota; waiting seconds will
   * not help.
   *
   * @param until how long the provider says it lasts (a per-day quota's delay), when it says
   */
  record QuotaExhausted(String detail, Optional<Duration> until) implements Outcome {
    public QuotaExhausted(String detail) {
      this(detail, Optional.empty());
    }
  }

  /** The prompt does not fit this target's context window. */
  record ContextTooLong(String detail) implements Outcome {}

  /**
   * The request is larger than this target will ever take at once (Groq's 413 for a request over
   * its whole per-minute budget); another target may take it.
   */
  record TooLarge(String detail) implements Outcome {}

  /** The provider refused the request itself (content filter, invalid request). */
  record Refused(String detail) implements Outcome {}

  /**
   * This target cannot take this request (a parameter, a schema outside its subset, a prefill it
   * bans), though another may: the router moves on, and remembers it for the target.
   *
   * @param feature what it refused, when the provider's words say which
   */
  record Unsupported(Optional<dev.socra.llm.config.Feature> feature, String detail)
      implements Outcome {}

  /** Not attempted: circuit open, cooling down, disabled, or the request cannot fit. */
  record Skipped(String detail) implements Outcome {}

  /**
   * The call stopped waiting for its own reasons (its deadline passed, or the caller's sink
   * failed): says nothing about the target's health.
   */
  record Abandoned(String detail) implements Outcome {}
}
