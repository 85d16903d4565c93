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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Whether one target may be called now: its circuit (Resilience4j, on the router's clock), a
 * cool-down set by the target's own answers (a 429's reset, an exhausted quota, silence), and a
 * disabled flag for a rejected key, re-checked by one call after {@code retry.auth_recheck}.
 */
public final class TargetHealth {
  private final TargetId target;
  private final CircuitBreaker circuit;
  private final CircuitSettings settings;
  private final RetryPolicy retry;
  private final Clock clock;
  private final Consumer<RouterEvent> events;
  private final SharedCoolDowns shared;
  private volatile Instant coolingUntil = Instant.MIN;
  private volatile String coolingReason = "";
  private volatile Instant openedAt = Instant.MIN;
  private volatile TargetState.Disabled disabled;

  /** Taken by the one call that re-checks a disabled target; given back with its outcome. */
  private final AtomicBoolean recheck = new AtomicBoolean();

  public TargetHealth(
      TargetId target,
      CircuitSettings settings,
      RetryPolicy retry,
      Clock clock,
      Consumer<RouterEvent> events) {
    this(target, settings, retry, clock, events, SharedCoolDowns.NONE);
  }

  /** A target whose cool-downs are shared with the routers of other servers. */
  public TargetHealth(
      TargetId target,
      CircuitSettings settings,
      RetryPolicy retry,
      Clock clock,
      Consumer<RouterEvent> events,
      SharedCoolDowns shared) {
    this.target = target;
    this.shared = shared;
    this.settings = settings;
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
                // the half-open probe comes when the router's clock says so, virtual in tests
                .clock(clock)
                .build());
    circuit
        .getEventPublisher()
        .onStateTransition(
            e -> {
              CircuitBreaker.State to = e.getStateTransition().getToState();
              if (to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN) {
                openedAt = clock.instant();
              }
              events.accept(
                  new RouterEvent.TargetStateChanged(
                      target, circuitState(to), "circuit " + e.getStateTransition()));
            });
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
    Instant now = clock.instant();
    TargetState.Disabled off = disabled;
    boolean rechecking = false;
    if (off != null) {
      if (now.isBefore(off.recheckAt()) || !recheck.compareAndSet(false, true)) {
        return Optional.of(
            "disabled: " + off.reason() + "; re-checked by one call at " + off.recheckAt());
      }
      rechecking = true;
    }
    if (!ownRetry && !now.isBefore(coolingUntil)) {
      // Another server's 429 keeps this one away too (read outside any lock: it may be a network
      // round trip).
      shared
          .coolingDown(target)
          .filter(c -> now.isBefore(c.until()))
          .ifPresent(c -> adopt(c.until(), c.reason()));
    }
    if (!ownRetry && now.isBefore(coolingUntil)) {
      giveBack(rechecking);
      return Optional.of(
          "cooling down for another "
              + Duration.between(now, coolingUntil).toMillis()
              + "ms ("
              + coolingReason
              + ")");
    }
    if (!circuit.tryAcquirePermission()) {
      giveBack(rechecking);
      return Optional.of("circuit open after repeated failures");
    }
    return Optional.empty();
  }

  private void giveBack(boolean rechecking) {
    if (rechecking) {
      recheck.set(false);
    }
  }

  /** When the target will next admit calls, if it is only cooling down. */
  public Optional<Instant> availableAt() {
    if (disabled != null || circuit.getState() == CircuitBreaker.State.OPEN) {
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
        share(coolDown(retry.silentCooldown(), "went silent"), "went silent");
      }
      case Outcome.RateLimited r -> {
        circuit.releasePermission();
        share(
            coolDown(r.retryAfter().orElse(retry.rateLimitCooldown()), "rate limited"),
            "rate limited");
      }
      case Outcome.QuotaExhausted q -> {
        circuit.releasePermission();
        // a per-day quota says how long it lasts; a stated wait never shortens the cool-down
        Duration wait =
            q.until()
                .filter(d -> d.compareTo(retry.quotaCooldown()) > 0)
                .orElse(retry.quotaCooldown());
        // the state keeps the router's short reason; the event (and so health) says which quota
        share(
            coolDown(
                wait,
                "quota exhausted",
                q.until().isPresent()
                    ? "quota exhausted: a per-day quota, or a model this account's tier does not include,"
                        + " until the provider's stated delay"
                    : "quota exhausted"),
            "quota exhausted");
      }
      case Outcome.AuthFailed a -> {
        circuit.releasePermission();
        disable(a.detail());
      }
      case Outcome.Skipped s -> circuit.releasePermission();
      case Outcome.Abandoned a -> circuit.releasePermission();
      case Outcome.TooLarge t -> circuit.onSuccess(nanos, TimeUnit.NANOSECONDS);
      case Outcome.Unsupported u -> circuit.onSuccess(nanos, TimeUnit.NANOSECONDS);
    }
    if (disabled != null && recheck.get()) {
      rechecked(outcome);
    }
  }

  /**
   * The re-check of a disabled target ended: any answer that is not a rejection means the key (or
   * model) is accepted again; a call that never reached the provider leaves it to the next call.
   */
  private synchronized void rechecked(Outcome outcome) {
    switch (outcome) {
      case Outcome.AuthFailed a -> {} // disabled again by disable() above
      case Outcome.Skipped s -> {}
      case Outcome.Abandoned a -> {}
      default -> {
        disabled = null;
        events.accept(
            new RouterEvent.TargetStateChanged(
                target, state(), "the provider accepted the call again after " + outcome.kind()));
      }
    }
    recheck.set(false);
  }

  /** Cools down for {@code wait}; returns the end, to be shared outside the lock. */
  private Instant coolDown(Duration wait, String reason) {
    return coolDown(wait, reason, reason);
  }

  /**
   * {@code said}: what the event says (health shows it); {@code reason} is what the state keeps.
   * Returns the end, to be shared outside the lock.
   */
  private synchronized Instant coolDown(Duration wait, String reason, String said) {
    Instant until = clock.instant().plus(wait);
    if (until.isAfter(coolingUntil)) {
      coolingUntil = until;
      coolingReason = reason;
      events.accept(
          new RouterEvent.TargetStateChanged(
              target,
              new TargetState.CoolingDown(until, reason),
              said + " for " + wait.toMillis() + "ms"));
    }
    return until;
  }

  private void share(Instant until, String reason) {
    shared.coolDown(target, until, reason);
  }

  /** A cool-down another server's router set. */
  private synchronized void adopt(Instant until, String reason) {
    if (until.isAfter(coolingUntil)) {
      coolingUntil = until;
      coolingReason = reason + " (seen by another server)";
      events.accept(
          new RouterEvent.TargetStateChanged(
              target,
              new TargetState.CoolingDown(until, coolingReason),
              coolingReason + " until " + until));
    }
  }

  private synchronized void disable(String reason) {
    boolean again = disabled != null;
    TargetState.Disabled off =
        new TargetState.Disabled(reason, clock.instant().plus(retry.authRecheck()));
    disabled = off;
    events.accept(
        new RouterEvent.TargetStateChanged(
            target,
            off,
            (again ? "rejected again on its re-check: " : "")
                + reason
                + "; re-checked by one call at "
                + off.recheckAt()));
  }

  /** The target's state now, for the route description and the health endpoint. */
  public TargetState state() {
    TargetState.Disabled off = disabled;
    if (off != null) {
      return off;
    }
    Instant until = coolingUntil;
    if (clock.instant().isBefore(until)) {
      return new TargetState.CoolingDown(until, coolingReason);
    }
    return circuitState(circuit.getState());
  }

  /** Resilience4j's states as Socra names them: the one place they are mapped. */
  private TargetState circuitState(CircuitBreaker.State state) {
    return switch (state) {
      case OPEN, FORCED_OPEN -> new TargetState.Open(openedAt.plus(settings.openFor()));
      case HALF_OPEN -> new TargetState.HalfOpen();
      // METRICS_ONLY and DISABLED are never set here: the circuit always decides
      case CLOSED, METRICS_ONLY, DISABLED -> new TargetState.Closed();
    };
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
