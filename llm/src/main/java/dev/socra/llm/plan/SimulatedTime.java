package dev.socra.llm.plan;

import io.github.bucket4j.TimeMeter;

/** The planner's clock: Bucket4j refills the budgets by it, and only the planner moves it. */
final class SimulatedTime implements TimeMeter {
  private long nanos;

  @Override
  public long currentTimeNanos() {
    return nanos;
  }

  @Override
  public boolean isWallClockBased() {
    return false;
  }

  void advanceTo(long value) {
    if (value < nanos) {
      throw new IllegalStateException("simulated time cannot run backwards");
    }
    nanos = value;
  }
}
