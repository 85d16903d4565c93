package dev.socra.server.lease;

import dev.socra.server.ServerSettings;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a piece of work only while this server holds its lease, and otherwise follows it: the one
 * way questions and pipelines run. A server that cannot take the lease (another one runs the work)
 * polls the database for what the owner has stored, through {@code follow}, until the work is done
 * there, or until the owner's lease expires, when it takes the work over and runs it itself. A
 * server that loses its lease mid-way (its writes are refused) goes back to following.
 */
@Component
public class OwnedWork {
  private static final Logger log = LoggerFactory.getLogger(OwnedWork.class);
  private static final Duration MAX_POLL = Duration.ofSeconds(1);

  /** One look at what the owner has stored; true when the work is over and following ends. */
  @FunctionalInterface
  public interface Follower {
    boolean follow();

    /**
     * True when a look itself waits for news (a blocking read of the owner's live stream), so no
     * pause is needed between looks.
     */
    default boolean waits() {
      return false;
    }
  }

  /** How long a {@link Follower} that {@link Follower#waits() waits} should wait in one look. */
  public Duration poll() {
    return poll;
  }

  private final Leases leases;
  private final Duration poll;

  OwnedWork(Leases leases, ServerSettings settings) {
    this.leases = leases;
    Duration beat = settings.workHeartbeat();
    this.poll = beat.compareTo(MAX_POLL) < 0 ? beat : MAX_POLL;
  }

  /**
   * Runs {@code work} under the lease on {@code key}, following it while another server holds it.
   *
   * @param taken a lease already taken for this key (the resumer's), or null to take one here
   */
  public void run(String key, String subject, WorkLease taken, Runnable work, Follower follow) {
    run(key, subject, taken, lease -> {}, work, follow);
  }

  /**
   * As above; {@code onTaken} runs each time this server holds the lease, before the work (it
   * claims the work's live stream for this owner).
   */
  public void run(
      String key,
      String subject,
      WorkLease taken,
      java.util.function.Consumer<WorkLease> onTaken,
      Runnable work,
      Follower follow) {
    WorkLease lease = taken;
    while (true) {
      if (lease == null) {
        lease = leases.tryTake(key, subject).orElse(null);
      }
      if (lease != null) {
        try {
          onTaken.accept(lease);
          CurrentWork.run(lease, work);
          return;
        } catch (LeaseLostException e) {
          log.warn("{}; following it instead", e.getMessage());
        } finally {
          leases.release(lease);
        }
        lease = null;
      }
      if (follow.follow()) {
        return;
      }
      if (follow.waits()) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        continue;
      }
      try {
        Thread.sleep(poll);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
