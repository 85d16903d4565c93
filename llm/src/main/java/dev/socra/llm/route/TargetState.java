package dev.socra.llm.route;

import java.time.Instant;

/**
 * Whether a target takes calls now, and until when it does not. The route description, the router's
 * events, the server's health endpoint and its pages all read this one type; the circuit breaker's
 * own states are mapped to it in {@link TargetHealth} only.
 */
public sealed interface TargetState {

  /** Takes calls: the circuit is closed. */
  record Closed() implements TargetState {}

  /** The circuit lets one probe call through; its outcome closes or reopens it. */
  record HalfOpen() implements TargetState {}

  /** Skipped after repeated failures until {@code probeAfter}, then one probe call. */
  record Open(Instant probeAfter) implements TargetState {}

  /** Kept out until {@code until} at the target's own request (a 429's reset, a quota, silence). */
  record CoolingDown(Instant until, String reason) implements TargetState {}

  /**
   * The provider rejected the key, the model or the permission. One call re-checks it at {@code
   * recheckAt}; a success there makes it closed again.
   *
   * @param reason the router's summary with the provider's words (already scrubbed of keys); for
   *     logs and the route description, not for public pages
   */
  record Disabled(String reason, Instant recheckAt) implements TargetState {}

  /** {@code closed}, {@code half-open}, {@code open}, {@code cooling-down}, {@code disabled}. */
  default String name() {
    return switch (this) {
      case Closed c -> "closed";
      case HalfOpen h -> "half-open";
      case Open o -> "open";
      case CoolingDown c -> "cooling-down";
      case Disabled d -> "disabled";
    };
  }

  /**
   * Whether the target can take a call now or after a cool-down the router waits out within a
   * call's deadline; an open circuit and a disabled target cannot.
   */
  default boolean usable() {
    return switch (this) {
      case Closed c -> true;
      case HalfOpen h -> true;
      case CoolingDown c -> true;
      case Open o -> false;
      case Disabled d -> false;
    };
  }

  /** One phrase for the route description: the name, and when it changes by itself. */
  default String describe() {
    return switch (this) {
      case Closed c -> "closed";
      case HalfOpen h -> "half-open (the next call is a probe)";
      case Open o -> "open (one probe call after " + o.probeAfter() + ")";
      case CoolingDown c -> "cooling down until " + c.until() + " (" + c.reason() + ")";
      case Disabled d -> "disabled (re-checked by one call at " + d.recheckAt() + ")";
    };
  }
}
