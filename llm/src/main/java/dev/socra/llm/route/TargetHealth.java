package dev.socra.llm.route;

import dev.socra.llm.config.CircuitSettings;
import dev.socra.llm.config.RetryPolicy;
import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.outcome.Outcome;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Whether one target may be called now: its circuit (Resilience4j), a cool-down set by the target's
 * own answers (a 429's reset, an exhausted quota, silence), and a disabled flag for a rejected key.
 */
public final class TargetHealth {
  private final TargetId target;
  private final CircuitBreaker circuit;
  private final RetryPolicy retry;
  private final Clock clock;
  private final Consumer<RouterEvent> events;
  private volatile Instant coolingUntil = Instant.MIN;
  private volatile String coolingReason = "";
  private volatile String disabledReason;

  public TargetHealth(
      TargetId target,
      CircuitSettings settings,
      RetryPolicy retry,
      Clock clock,
      Consumer<RouterEvent> events) {
    this.target = target;
    this.retry = retry;
    this.clock = clock;
    this.events = events;
    this.circuit =
        CircuitBreaker.of(
            target.toString(),
            CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRatePercent())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
    circuit
        .getEventPublisher()
        .onStateTransition(
            e ->
                events.accept(
                    new RouterEvent.TargetStateChanged(
                        target,
                        e.getStateTransition().getToState().name(),
                        "circuit " + e.getStateTransition())));
  }

  public TargetId target() {
    return target;
  }

  /**
   * Asks to call the target now. Empty means go ahead, and the caller must then {@link #record} the
   * outcome; otherwise the reason it may not.
   *
   * @param ownRetry the same call retrying after a wait the target asked for: its cool-down is the
   *     wait just sat out
   */
  public Optional<String> admit(boolean ownRetry) {
    String disabled = disabledReason;
    if (disabled != null) {
      return Optional.of("disabled: " + disabled);
    }
    Instant now = clock.instant();
    if (!ownRetry && now.isBefore(coolingUntil)) {
      return Optional.of(
          "cooling down for another "
              + Duration.between(now, coolingUntil).toMillis()
              + "ms ("
              + coolingReason
              + ")");
    }
    if (!circuit.tryAcquirePermission()) {
      return Optional.of("circuit open after repeated failures");
    }
    return Optional.empty();
  }

  /** When the target will next admit calls, if it is only cooling down. */
  public Optional<Instant> availableAt() {
    if (disabledReason != null || circuit.getState() == CircuitBreaker.State.OPEN) {
      return Optional.empty();
    }
    Instant until = coolingUntil;
    return until.isAfter(clock.instant()) ? Optional.of(until) : Optional.empty();
  }

  /** Takes the outcome of an admitted attempt. */
  public void record(Outcome outcome, Duration latency) {
    long nanos = latency.toNanos();
    switch (outcome) {
      case Outcome.Success s -> circuit.onSuccess(nanos, TimeUnit.NANOSECONDS);
      case Outcome.Refused r -> circuit.onSuccess(nanos, TimeUnit.NANOSECONDS);
      case Outcome.ContextTooLong c -> circuit.onSuccess(nanos, TimeUnit.NANOSECONDS);
      case Outcome.Overloaded o -> circuit.onError(nanos, TimeUnit.NANOSECONDS, failure(o));
      case Outcome.Transient t -> circuit.onError(nanos, TimeUnit.NANOSECONDS, failure(t));
      case Outcome.Silent s -> {
        circuit.onError(nanos, TimeUnit.NANOSECONDS, failure(s));
        coolDown(retry.silentCooldown(), "went silent");
      }
      case Outcome.RateLimited r -> {
        circuit.releasePermission();
        coolDown(r.retryAfter().orElse(retry.rateLimitCooldown()), "rate limited");
      }
      case Outcome.QuotaExhausted q -> {
        circuit.releasePermission();
        coolDown(retry.quotaCooldown(), "quota exhausted");
      }
      case Outcome.AuthFailed a -> {
        circuit.releasePermission();
        disable(a.detail());
      }
      case Outcome.Skipped s -> circuit.releasePermission();
      case Outcome.Abandoned a -> circuit.releasePermission();
      case Outcome.TooLarge t -> circuit.onSuccess(nanos, TimeUnit.NANOSECONDS);
    }
  }

  private synchronized void coolDown(Duration wait, String reason) {
    Instant until = clock.instant().plus(wait);
    if (until.isAfter(coolingUntil)) {
      coolingUntil = until;
      coolingReason = reason;
      events.accept(
          new RouterEvent.TargetStateChanged(
              target, "COOLING_DOWN", reason + " for " + wait.toMillis() + "ms"));
    }
  }

  private synchronized void disable(String reason) {
    if (disabledReason == null) {
      disabledReason = reason;
      events.accept(new RouterEvent.TargetStateChanged(target, "DISABLED", reason));
    }
  }

  /** The circuit's state, for the route description and the health endpoint. */
  public String state() {
    if (disabledReason != null) {
      return "DISABLED";
    }
    if (clock.instant().isBefore(coolingUntil)) {
      return "COOLING_DOWN";
    }
    return circuit.getState().name();
  }

  private static RuntimeException failure(Outcome o) {
    return new UpstreamFailure(o.kind() + ": " + o.detail());
  }

  /** What the circuit breaker records as the cause of a failed call; never thrown. */
  private static final class UpstreamFailure extends RuntimeException {
    UpstreamFailure(String message) {
      super(message, null, false, false);
    }
  }
}
