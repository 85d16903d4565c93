package dev.socra.llm.time;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;

/**
 * Bucket4j's time, read from the router's clock, so that budgets refill on the same time that the
 * router waits on: the real one in production, a virtual one in tests.
 */
public record ClockTimeMeter(Clock clock) implements TimeMeter {

  @Override
  public long currentTimeNanos() {
    Instant now = clock.instant();
    return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
  }

  @Override
  public boolean isWallClockBased() {
    return true;
  }
}
