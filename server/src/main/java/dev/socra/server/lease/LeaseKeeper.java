package dev.socra.server.lease;

import dev.socra.server.ServerSettings;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The heartbeat: every {@code SOCRA_WORK_HEARTBEAT} (a third of the lease by default, so two beats
 * may fail before the lease runs out) it renews every lease this server holds, then runs the {@link
 * WorkSweep}s, which take over work whose lease expired. Starts when the server is ready.
 */
@Component
class LeaseKeeper {
  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

  private final Leases leases;
  private final ObjectProvider<WorkSweep> sweeps;
  private final Duration heartbeat;
  private final ScheduledExecutorService beat =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("socra-lease-heartbeat").factory());

  LeaseKeeper(Leases leases, ObjectProvider<WorkSweep> sweeps, ServerSettings settings) {
    this.leases = leases;
    this.sweeps = sweeps;
    this.heartbeat = settings.workHeartbeat();
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    beat.scheduleWithFixedDelay(
        this::beat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
  }

  void beat() {
    try {
      List<WorkLease> lost = leases.renewAll();
      if (!lost.isEmpty()) {
        log.warn("{} leases lost at this heartbeat", lost.size());
      }
      sweeps.orderedStream().forEach(WorkSweep::sweep);
    } catch (RuntimeException e) {
      log.warn("lease heartbeat failed: {}", e.toString());
    }
  }

  @PreDestroy
  void stop() {
    beat.shutdownNow();
  }
}
