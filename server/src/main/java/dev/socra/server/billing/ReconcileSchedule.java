package dev.socra.server.billing;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * When reconciliation runs: once at start, then every so often. The server's is a scheduled
 * executor on a virtual thread; a test registers its own and runs the task when it chooses.
 */
public interface ReconcileSchedule {
  /** Runs {@code task} now and then every {@code period} until {@link #stop()}. */
  void start(Duration period, Runnable task);

  void stop();

  /** The real one. */
  static ReconcileSchedule executor() {
    return new ReconcileSchedule() {
      private ScheduledExecutorService executor;

      @Override
      public void start(Duration period, Runnable task) {
        executor =
            Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("socra-reconcile").factory());
        executor.scheduleWithFixedDelay(task, 0, period.toSeconds(), TimeUnit.SECONDS);
      }

      @Override
      public void stop() {
        if (executor != null) {
          executor.shutdownNow();
        }
      }
    };
  }
}
