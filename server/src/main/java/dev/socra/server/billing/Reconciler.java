package dev.socra.server.billing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Finds what a lost webhook missed: at start and every {@code SOCRA_RECONCILE_MINUTES}, the
 * provider is asked about every checkout still open, and what was paid is credited (once: the
 * ledger's causes are unique). Started after the web server, so the first round does not delay it.
 */
@Component
class Reconciler implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  private final Billing billing;
  private final ReconcileSchedule schedule;
  private volatile boolean running;

  Reconciler(Billing billing, ObjectProvider<ReconcileSchedule> schedule) {
    this.billing = billing;
    this.schedule = schedule.getIfAvailable(ReconcileSchedule::executor);
  }

  /** One round; never throws (a round that fails is retried by the next). */
  void runOnce() {
    try {
      int credited = billing.reconcile();
      if (credited > 0) {
        log.info("reconciliation credited {} checkout(s) a webhook had not", credited);
      }
    } catch (RuntimeException e) {
      log.warn("reconciliation round failed: {}", e.toString());
    }
  }

  @Override
  public void start() {
    if (billing.enabled()) {
      schedule.start(billing.settings().reconcileEvery(), this::runOnce);
    }
    running = true;
  }

  @Override
  public void stop() {
    schedule.stop();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 100; // after the web server has started
  }
}
