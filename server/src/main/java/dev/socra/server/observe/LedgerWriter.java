package dev.socra.server.observe;

import dev.socra.llm.Attempt;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.event.RouterListener;
import jakarta.annotation.PreDestroy;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes one {@code llm_attempts} row per attempt that reached a provider, with the user, session
 * and stage from the call's tags: the money ledger that daily caps and the usage page read.
 *
 * <p>Batched, off the call's thread: an attempt's row is queued and one writer thread inserts the
 * queue as a JDBC batch every {@value #FLUSH_MILLIS} ms, or as soon as {@value #BATCH} rows wait.
 * One insert and commit per attempt was a quarter of a gateway call's CPU (docs/benchmarks.md). The
 * queue is bounded; when it is full the row is inserted on the call's thread rather than dropped.
 * Closing the server writes every queued row; a killed process (SIGKILL, power loss) can lose the
 * rows of its last {@value #FLUSH_MILLIS} ms or so. Sessions' answers and stages are committed
 * separately and are not affected.
 *
 * <p>Readers that need every row ({@link AttemptLedger}) call {@link #flush()} first, which costs
 * nothing when the queue is empty. The daily spend cap reads {@link #spentToday(String)} instead: a
 * running total per user and UTC day, seeded from the database once and re-seeded every minute (so
 * other servers sharing the database are seen within a minute), to which every queued row is added
 * at once, so the cap sees a call's cost as soon as the call ends.
 *
 * <p>Skipped targets (attempt number 0) are not written: nothing was sent and nothing is billed;
 * they are counted in {@code socra_llm_attempts_total{outcome="skipped"}} and logged. A failed
 * insert is logged and the call goes on: the ledger must never fail a founder's call.
 */
@Component
public class LedgerWriter implements RouterListener {
  private static final Logger log = LoggerFactory.getLogger(LedgerWriter.class);

  static final int BATCH = 200;
  static final long FLUSH_MILLIS = 50;
  private static final int QUEUE_CAPACITY = 20_000;
  private static final long RESEED_NANOS = TimeUnit.MINUTES.toNanos(1);

  private static final String INSERT =
      """
      INSERT INTO llm_attempts (at, user_id, session_id, stage, route, call_id, attempt,
        target, model, outcome, http_status, input_tokens, output_tokens, estimated,
        cost_usd, latency_ms, ttft_ms)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """;

  /** One row waiting to be written; {@code pendingIn} is the total it was counted in, if any. */
  private record Row(Object[] values, String user, LocalDate day, BigDecimal cost, Day pendingIn) {}

  /**
   * A user's spend on one UTC day: what the database held when seeded plus rows written since
   * ({@code committed}), and rows queued but not yet written ({@code pending}).
   */
  private static final class Day {
    BigDecimal committed = BigDecimal.ZERO;
    BigDecimal pending = BigDecimal.ZERO;
    long seededAt;

    synchronized BigDecimal total() {
      return committed.add(pending);
    }

    synchronized void addPending(BigDecimal cost) {
      pending = pending.add(cost);
    }

    synchronized void commit(BigDecimal cost, boolean wasPending) {
      committed = committed.add(cost);
      if (wasPending) {
        pending = pending.subtract(cost);
      }
    }

    synchronized void seed(BigDecimal inDatabase, long now) {
      committed = inDatabase;
      seededAt = now;
    }
  }

  private record DayKey(String user, LocalDate day) {}

  private final JdbcClient db;
  private final JdbcTemplate jdbc;
  private final BlockingQueue<Row> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
  private final ConcurrentHashMap<DayKey, Day> days = new ConcurrentHashMap<>();

  /**
   * Held while rows are written and while a total is seeded: a seed then sees each row either in
   * the database or, later, as it is committed, never both.
   */
  private final ReentrantLock writing = new ReentrantLock();

  private final Object wake = new Object();
  private final Thread writer;
  private volatile boolean closed;

  public LedgerWriter(JdbcClient db, JdbcTemplate jdbc) {
    this.db = db;
    this.jdbc = jdbc;
    this.writer = new Thread(this::writeLoop, "socra-ledger-writer");
    writer.setDaemon(true); // the context's close writes the rest; a daemon never holds up exit
    writer.start();
  }

  @Override
  public void onEvent(RouterEvent event) {
    if (event instanceof RouterEvent.AttemptFinished a && a.attempt().number() > 0) {
      Row row;
      try {
        row = row(a);
      } catch (RuntimeException e) {
        log.warn("attempt of call {} not written: {}", a.callId(), e.getClass().getSimpleName());
        return;
      }
      if (closed || !queue.offer(row)) {
        writeNow(List.of(row)); // never drop a row: a full queue costs this call an insert
        return;
      }
      if (queue.size() >= BATCH) {
        synchronized (wake) {
          wake.notifyAll();
        }
      }
    }
  }

  /**
   * Writes every queued row now. Takes the writing lock even when the queue is empty: the writer
   * thread may have drained a batch it has not committed yet, and a reader must see those rows too.
   */
  public void flush() {
    writeQueued();
  }

  /**
   * US dollars {@code userId} spent today (UTC) by this ledger, rows not yet written included: a
   * map lookup, except once a minute per user, when it is re-read from the database.
   */
  public BigDecimal spentToday(String userId) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    DayKey key = new DayKey(userId, today);
    Day day = days.get(key);
    long now = System.nanoTime();
    if (day == null || now - day.seededAt > RESEED_NANOS) {
      day = seed(key, now);
    }
    return day.total();
  }

  private Day seed(DayKey key, long now) {
    writing.lock();
    try {
      Day day = days.get(key);
      if (day != null && now - day.seededAt <= RESEED_NANOS) {
        return day; // another request seeded it meanwhile
      }
      if (day == null) {
        days.keySet().removeIf(k -> k.day().isBefore(key.day().minusDays(1)));
        day = new Day();
      }
      // Rows queued before this total existed were counted nowhere: write them first, so the sum
      // below has them. Rows queued from now on are counted as pending or as they are committed.
      days.put(key, day);
      writeQueuedLocked();
      OffsetDateTime midnight = key.day().atStartOfDay().atOffset(ZoneOffset.UTC);
      BigDecimal inDatabase =
          db.sql(
                  "SELECT COALESCE(SUM(cost_usd), 0) FROM llm_attempts"
                      + " WHERE user_id = ? AND at >= ? AND at < ?")
              .params(key.user(), midnight, midnight.plusDays(1))
              .query(BigDecimal.class)
              .single();
      day.seed(inDatabase, now);
      return day;
    } finally {
      writing.unlock();
    }
  }

  private void writeLoop() {
    while (!closed) {
      try {
        synchronized (wake) {
          if (queue.size() < BATCH && !closed) {
            wake.wait(FLUSH_MILLIS);
          }
        }
        flush();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("ledger writer: {}", e.getClass().getSimpleName()); // rows were logged per batch
      }
    }
  }

  private void writeQueued() {
    writing.lock();
    try {
      writeQueuedLocked();
    } finally {
      writing.unlock();
    }
  }

  private void writeQueuedLocked() {
    List<Row> batch = new ArrayList<>(BATCH);
    while (queue.drainTo(batch, BATCH) > 0) {
      insert(batch);
      batch.clear();
    }
  }

  private void writeNow(List<Row> rows) {
    writing.lock();
    try {
      insert(rows);
    } finally {
      writing.unlock();
    }
  }

  /** Inserts rows as one batch and adds their cost to the users' totals; the lock is held. */
  private void insert(List<Row> rows) {
    try {
      jdbc.batchUpdate(INSERT, rows.stream().map(Row::values).toList());
    } catch (RuntimeException e) {
      log.warn("{} ledger rows were not written: {}", rows.size(), e.getClass().getSimpleName());
      // The calls were made and paid for: keep counting them against the cap, as if written.
    }
    for (Row r : rows) {
      if (r.user() == null) {
        continue;
      }
      Day day = days.get(new DayKey(r.user(), r.day()));
      if (day != null) {
        day.commit(r.cost(), r.pendingIn() == day);
      } else if (r.pendingIn() != null) {
        r.pendingIn().commit(r.cost(), true); // its total was dropped at a day's turn
      }
    }
  }

  private Row row(RouterEvent.AttemptFinished e) {
    Attempt a = e.attempt();
    Map<String, String> tags = e.tags();
    String user = fit(tags.get(ChatRequest.TAG_USER), 36);
    OffsetDateTime at = a.startedAt().atOffset(ZoneOffset.UTC);
    BigDecimal cost = a.cost() == null ? BigDecimal.ZERO : a.cost();
    Object[] values = {
      at,
      user,
      fit(tags.get(ChatRequest.TAG_SESSION), 36),
      fit(tags.get(ChatRequest.TAG_STAGE), 40),
      fit(e.route(), 100),
      e.callId(),
      a.number(),
      fit(a.target().toString(), 200),
      fit(a.target().model(), 200),
      a.outcome().kind(),
      a.httpStatus(),
      a.usage().inputTokens(),
      a.usage().outputTokens(),
      a.usage().estimated(),
      a.cost(),
      a.latency().toMillis(),
      a.timeToFirstToken() == null ? null : a.timeToFirstToken().toMillis()
    };
    Day pendingIn = null;
    if (user != null && cost.signum() != 0) {
      pendingIn = days.get(new DayKey(user, at.toLocalDate()));
      if (pendingIn != null) {
        pendingIn.addPending(cost);
      }
    }
    return new Row(values, user, at.toLocalDate(), cost, pendingIn);
  }

  /** Writes every queued row before the database goes away: no row is lost on a normal stop. */
  @PreDestroy
  void close() {
    closed = true;
    synchronized (wake) {
      wake.notifyAll();
    }
    try {
      writer.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }

  /** A tag is any caller's text: cut to the column rather than lose the row. */
  private static String fit(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
