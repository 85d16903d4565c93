package dev.socra.llm.route;

import dev.socra.llm.config.RetryPolicy;
import dev.socra.llm.outcome.Outcome;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** What the router does after each attempt: the table in docs/architecture.md, as code. */
public final class FailoverPolicy {

  /** The next step of a call. */
  public sealed interface Decision {
    record Done() implements Decision {}

    record RetrySame(Duration after) implements Decision {}

    record NextTarget() implements Decision {}

    record GiveUp() implements Decision {}
  }

  private final RetryPolicy retry;

  public FailoverPolicy(RetryPolicy retry) {
    this.retry = retry;
  }

  /**
   * @param triesOnTarget attempts this call has made on this target so far, this one included
   * @param remaining time left before the call's deadline
   */
  public Decision decide(Outcome outcome, int triesOnTarget, Duration remaining) {
    return switch (outcome) {
      case Outcome.Success s -> new Decision.Done();
      case Outcome.RateLimited r -> {
        // Sit out a short wait on the same target once; anything longer fails over at once.
        Duration wait = r.retryAfter().map(FailoverPolicy::spread).orElse(null);
        boolean shortWait =
            wait != null
                && wait.compareTo(retry.maxRateLimitWait()) <= 0
                && wait.compareTo(remaining) < 0;
        yield shortWait && triesOnTarget == 1
            ? new Decision.RetrySame(wait)
            : new Decision.NextTarget();
      }
      case Outcome.Transient t ->
          triesOnTarget == 1 ? new Decision.RetrySame(jitter()) : new Decision.NextTarget();
      case Outcome.Overloaded o -> new Decision.NextTarget();
      case Outcome.Silent s -> new Decision.NextTarget();
      case Outcome.AuthFailed a -> new Decision.NextTarget();
      case Outcome.QuotaExhausted q -> new Decision.NextTarget();
      case Outcome.ContextTooLong c -> new Decision.NextTarget();
      case Outcome.Skipped s -> new Decision.NextTarget();
      case Outcome.Refused r -> new Decision.GiveUp();
      case Outcome.Abandoned a -> new Decision.GiveUp();
      case Outcome.TooLarge t -> new Decision.NextTarget();
      case Outcome.Unsupported u -> new Decision.NextTarget();
    };
  }

  /** Up to a tenth more, so calls told the same wait do not all come back at the same instant. */
  private static Duration spread(Duration wait) {
    long extra = wait.toNanos() / 10;
    return wait.plusNanos(extra <= 0 ? 0 : ThreadLocalRandom.current().nextLong(extra));
  }

  /** Full jitter between half and all of twice the base, so parallel retries do not align. */
  private Duration jitter() {
    long base = retry.transientBackoff().toNanos();
    return Duration.ofNanos(base + ThreadLocalRandom.current().nextLong(Math.max(1, base)));
  }
}
