package dev.socra.llm.testkit;

import java.time.Duration;

/**
 * How the fake waits where a real provider would take time: before a slow first token, between
 * tokens, before closing a connection it hung. {@link VirtualTime} is one; the default is real.
 */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  /** Real time. */
  Sleeper SYSTEM =
      duration -> {
        if (duration.isPositive()) {
          Thread.sleep(duration);
        }
      };
}
