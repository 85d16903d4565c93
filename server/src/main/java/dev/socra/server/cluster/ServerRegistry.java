package dev.socra.server.cluster;

import dev.socra.server.ServerSettings;
import dev.socra.server.lease.ServerId;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The servers sharing this database, in its {@code servers} table: each registers when it starts,
 * renews its row every {@code SOCRA_WORK_HEARTBEAT} and deletes it when it stops; a row not renewed
 * for {@code SOCRA_WORK_LEASE} (a crashed server) has expired and is ignored, then removed.
 *
 * <p>Servers that keep their budgets, limits, token cache and live streams in memory cannot share a
 * database with another server: each would spend a provider key's whole limit. So a server without
 * {@code SOCRA_REDIS_URL} refuses to start while another live server is registered, and a server
 * with it refuses to start beside a live one without it. Own row first, then the check: two servers
 * starting at once both see each other and both refuse, rather than both starting.
 */
@Component
public class ServerRegistry implements InitializingBean {
  private static final Logger log = LoggerFactory.getLogger(ServerRegistry.class);

  /** One row of the table: a server and what it shares. */
  public record Member(String id, String shared, OffsetDateTime seenAt) {}

  private final JdbcClient db;
  private final ServerId self;
  private final String shared;
  private final Duration expiry;
  private final Duration heartbeat;
  private final Clock clock = Clock.systemUTC();
  private final ScheduledExecutorService beat =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("socra-server-heartbeat").factory());

  ServerRegistry(JdbcClient db, ServerId self, ServerSettings settings) {
    this.db = db;
    this.self = self;
    this.shared = settings.clustered() ? "redis" : "memory";
    this.expiry = settings.workLease();
    this.heartbeat = settings.workHeartbeat();
  }

  @Override
  public void afterPropertiesSet() {
    OffsetDateTime now = now();
    db.sql("DELETE FROM servers WHERE expires_at < ?").param(now).update();
    removeDeadNeighbours();
    db.sql(
            "INSERT INTO servers (server_id, shared, started_at, seen_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(self.value(), shared, now, now, now.plus(expiry))
        .update();
    List<Member> others = live().stream().filter(m -> !m.id().equals(self.value())).toList();
    Member blocking =
        others.stream()
            .filter(m -> shared.equals("memory") || m.shared().equals("memory"))
            .findFirst()
            .orElse(null);
    if (blocking != null) {
      db.sql("DELETE FROM servers WHERE server_id = ?").param(self.value()).update();
      long ago = Math.max(0, Duration.between(blocking.seenAt(), now).toSeconds());
      throw new ClusterRefusedException(
          shared.equals("memory")
              ? "another Socra server ("
                  + blocking.id()
                  + ", seen "
                  + ago
                  + " s ago) uses this database; several servers need SOCRA_REDIS_URL set on"
                  + " every one of them (docs/deploy.md)"
              : "another Socra server ("
                  + blocking.id()
                  + ", seen "
                  + ago
                  + " s ago) uses this database without SOCRA_REDIS_URL; set it there too, or"
                  + " stop that server (docs/deploy.md)");
    }
    log.info(
        "server {} registered ({}; {} live on this database)",
        self.value(),
        shared.equals("redis") ? "state shared through Redis" : "alone",
        others.size() + 1);
    beat.scheduleWithFixedDelay(
        this::renew, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Rows of servers that ran on this host and are gone (killed, crashed): their process is not
   * alive, or has this process's own id (a container restarted with the same name and pid 1). A
   * restart after a crash is not kept waiting for the row to expire.
   */
  private void removeDeadNeighbours() {
    String[] me = parts(self.value());
    for (Member m : live()) {
      String[] other = parts(m.id());
      if (me == null || other == null || !other[0].equals(me[0]) || m.id().equals(self.value())) {
        continue;
      }
      long pid;
      try {
        pid = Long.parseLong(other[1]);
      } catch (NumberFormatException e) {
        continue;
      }
      boolean gone =
          pid == ProcessHandle.current().pid()
              || ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
      if (gone) {
        db.sql("DELETE FROM servers WHERE server_id = ?").param(m.id()).update();
        log.info("server {} on this host is gone; its registration is removed", m.id());
      }
    }
  }

  /**
   * Host and pid of a {@link ServerId} ({@code host-pid-random}); null when it has another form.
   */
  private static String[] parts(String id) {
    int random = id.lastIndexOf('-');
    int pid = random < 0 ? -1 : id.lastIndexOf('-', random - 1);
    if (pid <= 0) {
      return null;
    }
    return new String[] {id.substring(0, pid), id.substring(pid + 1, random)};
  }

  /** The servers whose rows have not expired, this one included. */
  public List<Member> live() {
    return db.sql(
            "SELECT server_id AS id, shared, seen_at AS seenAt FROM servers WHERE expires_at >= ?"
                + " ORDER BY started_at")
        .param(now())
        .query(Member.class)
        .list();
  }

  void renew() {
    try {
      OffsetDateTime now = now();
      int renewed =
          db.sql("UPDATE servers SET seen_at = ?, expires_at = ? WHERE server_id = ?")
              .params(now, now.plus(expiry), self.value())
              .update();
      if (renewed == 0) { // expired and removed while this server was stalled: register again
        db.sql(
                "INSERT INTO servers (server_id, shared, started_at, seen_at, expires_at)"
                    + " VALUES (?, ?, ?, ?, ?)")
            .params(self.value(), shared, now, now, now.plus(expiry))
            .update();
      }
    } catch (RuntimeException e) {
      log.warn("server heartbeat failed: {}", e.toString());
    }
  }

  @PreDestroy
  void stop() {
    beat.shutdownNow();
    try {
      db.sql("DELETE FROM servers WHERE server_id = ?").param(self.value()).update();
    } catch (RuntimeException e) {
      log.debug("could not remove this server's row: {}", e.toString());
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
