package dev.socra.llm.time;

import java.time.Duration;

/**
 * How the router waits: a rate limit's stated wait, a retry's backoff, room in a budget, a stub's
 * token pace. Tests pass one that moves a virtual clock instead, so a minute of waiting takes no
 * time at all. Waits on a real socket (first token, stall, connect, response) are not made here:
 * they are limits on the network, not time the router chose to spend.
 */
@FunctionalInterface
public interface Sleeper {
  /** Returns after {@code duration} has passed; at once for zero or less. */
  void sleep(Duration duration) throws InterruptedException;

  /** The real thing. */
  Sleeper SYSTEM =
      duration -> {
        if (duration.isPositive()) {
          Thread.sleep(duration);
        }
      };
}
