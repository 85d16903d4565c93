package dev.socra.server.billing;

import java.time.Duration;

/** A reconciliation schedule the test runs by hand: nothing happens until {@link #tick()}. */
final class ManualSchedule implements ReconcileSchedule {
  private volatile Runnable task;
  volatile Duration period;

  @Override
  public void start(Duration period, Runnable task) {
    this.period = period;
    this.task = task;
  }

  @Override
  public void stop() {}

  /** One round of reconciliation, as the timer would run it. */
  void tick() {
    task.run();
  }
}
