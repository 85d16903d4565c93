package dev.socra.llm.testkit;

import java.time.Duration;

/** Everything a running fake shares between its connections and its control API. */
final class ProviderState {

  final AttemptLog log = new AttemptLog();
  final Behaviours behaviours = new Behaviours();
  final RateLimiter limiter = new RateLimiter();
  final Scripts scripts = new Scripts();
  private volatile Duration tokenDelay = Duration.ZERO;

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
    limiter.reset();
  }
}
