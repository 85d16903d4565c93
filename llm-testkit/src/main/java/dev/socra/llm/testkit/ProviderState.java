package dev.socra.llm.testkit;

import java.time.Clock;
import java.time.Duration;

/** Everything a running fake shares between its connections and its control API. */
final class ProviderState {

  /** The fake's time: its rate limits refill, its dates are written and its log stamped by it. */
  final Clock clock;

  /** How it waits for a slow first token, between tokens and before closing a hung connection. */
  final Sleeper sleeper;

  final AttemptLog log = new AttemptLog();
  final Behaviours behaviours = new Behaviours();
  final RateLimiter limiter = new RateLimiter();
  final Scripts scripts = new Scripts();
  final ToolScripts toolScripts = new ToolScripts();
  private volatile Duration tokenDelay = Duration.ZERO;

  ProviderState(Clock clock, Sleeper sleeper) {
    this.clock = clock;
    this.sleeper = sleeper;
  }

  Duration tokenDelay() {
    return tokenDelay;
  }

  void setTokenDelay(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("token delay must not be negative: " + delay);
    }
    this.tokenDelay = delay;
  }

  /**
   * Back to a fresh server: no attempts, overrides or scripts, {@code times} counters and window
   * empty.
   */
  void reset() {
    log.clear();
    behaviours.reset();
    scripts.reset();
    toolScripts.reset();
    limiter.reset();
  }
}
