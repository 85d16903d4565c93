package dev.socra.server.lease;

import dev.socra.server.ServerSettings;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Leases on running work, in the {@code work_leases} table every server shares: take one before
 * running a question or a pipeline, renew it while running, release it when done. A key is taken
 * when nobody holds it or its lease has expired ({@code SOCRA_WORK_LEASE} after the last renewal);
 * a takeover raises the fence. Writes the work makes call {@link #checkFence} in their transaction:
 * the row must still name this server and fence, and is locked until the write commits, so a
 * takeover waits for it and a server that lost its lease writes nothing more.
 *
 * <p>Expiry is compared with this server's {@link Clock}: servers sharing a database must keep
 * their clocks within a small part of the lease of each other (NTP does).
 */
@Component
public class Leases {
  private static final Logger log = LoggerFactory.getLogger(Leases.class);

  private final JdbcClient db;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final ServerId server;
  private final Duration duration;

  /** The leases this server holds now, by key, with their latest expiry. */
  private final Map<String, WorkLease> held = new ConcurrentHashMap<>();

  @Autowired
  Leases(
      JdbcClient db,
      TransactionTemplate tx,
      ServerId server,
      ServerSettings settings,
      ObjectProvider<Clock> clock) {
    this(db, tx, server, settings.workLease(), clock.getIfAvailable(Clock::systemUTC));
  }

  Leases(JdbcClient db, TransactionTemplate tx, ServerId server, Duration duration, Clock clock) {
    this.db = db;
    this.tx = tx;
    this.server = server;
    this.duration = duration;
    this.clock = clock;
  }

  /** Takes {@code key} for this server if nobody holds it or its lease has expired. */
  public Optional<WorkLease> tryTake(String key, String subject) {
    Instant now = clock.instant();
    Instant expires = now.plus(duration);
    int taken =
        db.sql(
                "UPDATE work_leases SET owner = ?, subject = ?, fence = fence + 1, expires_at = ?,"
                    + " taken_at = ? WHERE work_key = ? AND expires_at < ?")
            .params(server.value(), subject, at(expires), at(now), key, at(now))
            .update();
    if (taken == 1) {
      Optional<Long> fence =
          db.sql("SELECT fence FROM work_leases WHERE work_key = ? AND owner = ?")
              .params(key, server.value())
              .query(Long.class)
              .optional();
      if (fence.isPresent()) {
        log.info("took over {} (fence {}): its lease had expired", key, fence.get());
        return Optional.of(hold(new WorkLease(key, subject, server.value(), fence.get(), expires)));
      }
      return Optional.empty(); // taken over again in between: not ours
    }
    boolean someoneHoldsIt =
        db.sql("SELECT COUNT(*) FROM work_leases WHERE work_key = ?")
                .param(key)
                .query(Long.class)
                .single()
            > 0;
    if (someoneHoldsIt) {
      return Optional.empty(); // held and not expired
    }
    try {
      db.sql(
              "INSERT INTO work_leases (work_key, subject, owner, fence, expires_at, taken_at)"
                  + " VALUES (?, ?, ?, 1, ?, ?)")
          .params(key, subject, server.value(), at(expires), at(now))
          .update();
      return Optional.of(hold(new WorkLease(key, subject, server.value(), 1, expires)));
    } catch (DuplicateKeyException e) {
      return Optional.empty(); // another server took it just now
    }
  }

  /** Extends a held lease; false when it is no longer this server's (then it is forgotten). */
  public boolean renew(WorkLease lease) {
    Instant expires = clock.instant().plus(duration);
    boolean kept =
        db.sql(
                    "UPDATE work_leases SET expires_at = ? WHERE work_key = ? AND owner = ?"
                        + " AND fence = ?")
                .params(at(expires), lease.key(), lease.owner(), lease.fence())
                .update()
            == 1;
    if (kept) {
      held.computeIfPresent(
          lease.key(),
          (k, l) ->
              l.fence() == lease.fence()
                  ? new WorkLease(l.key(), l.subject(), l.owner(), l.fence(), expires)
                  : l);
    } else {
      held.remove(lease.key(), held.get(lease.key()));
      log.warn(
          "lost the lease on {} (fence {}): another server took it over; this server writes"
              + " nothing more for it",
          lease.key(),
          lease.fence());
    }
    return kept;
  }

  /** Renews every lease this server holds (the heartbeat); returns those it lost. */
  public List<WorkLease> renewAll() {
    List<WorkLease> lost = new ArrayList<>();
    for (WorkLease l : List.copyOf(held.values())) {
      try {
        if (!renew(l)) {
          lost.add(l);
        }
      } catch (RuntimeException e) {
        // The database is unreachable now: try again at the next beat, well within the lease.
        log.warn("could not renew the lease on {}: {}", l.key(), e.getClass().getSimpleName());
      }
    }
    return lost;
  }

  /** Gives a lease up: the work is done (or this server stops), anyone may take the key now. */
  public void release(WorkLease lease) {
    held.computeIfPresent(lease.key(), (k, l) -> l.fence() == lease.fence() ? null : l);
    db.sql("DELETE FROM work_leases WHERE work_key = ? AND owner = ? AND fence = ?")
        .params(lease.key(), lease.owner(), lease.fence())
        .update();
  }

  /** Keys whose lease has expired: work whose server stopped renewing it. */
  public List<String> expiredKeys() {
    return db.sql("SELECT work_key FROM work_leases WHERE expires_at < ? ORDER BY expires_at")
        .param(at(clock.instant()))
        .query(String.class)
        .list();
  }

  /** The leases this server holds now. */
  public List<WorkLease> held() {
    return List.copyOf(held.values());
  }

  /** True while this server holds a lease on {@code key}. */
  public boolean holds(String key) {
    return held.containsKey(key);
  }

  /**
   * Checks, inside the caller's transaction, that the lease of the work running on this thread
   * ({@link CurrentWork}) on {@code subject} is still this server's, and locks its row until the
   * transaction ends. Does nothing for writes made outside leased work.
   *
   * @throws LeaseLostException when another server has taken the work over
   */
  public void checkFence(String subject) {
    Optional<WorkLease> current = CurrentWork.lease();
    if (current.isEmpty() || !current.get().subject().equals(subject)) {
      return;
    }
    WorkLease l = current.get();
    record Row(String owner, long fence) {}
    Optional<Row> row =
        db.sql("SELECT owner, fence FROM work_leases WHERE work_key = ? FOR UPDATE")
            .param(l.key())
            .query((rs, n) -> new Row(rs.getString(1), rs.getLong(2)))
            .optional();
    if (row.isEmpty() || !row.get().owner().equals(l.owner()) || row.get().fence() != l.fence()) {
      throw new LeaseLostException(l);
    }
  }

  /** Runs a write in a transaction behind {@link #checkFence}, when it is made for leased work. */
  public <T> T fenced(String subject, Supplier<T> write) {
    Optional<WorkLease> current = CurrentWork.lease();
    if (current.isEmpty() || !current.get().subject().equals(subject)) {
      return write.get();
    }
    return tx.execute(
        status -> {
          checkFence(subject);
          return write.get();
        });
  }

  public Duration duration() {
    return duration;
  }

  public String owner() {
    return server.value();
  }

  /** On a normal stop, what this server held is given up at once, not after the lease expires. */
  @PreDestroy
  void releaseAll() {
    for (WorkLease l : held()) {
      try {
        release(l);
      } catch (RuntimeException e) {
        log.warn("could not release the lease on {}: {}", l.key(), e.getClass().getSimpleName());
      }
    }
  }

  private WorkLease hold(WorkLease l) {
    held.put(l.key(), l);
    return l;
  }

  private static OffsetDateTime at(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }
}
