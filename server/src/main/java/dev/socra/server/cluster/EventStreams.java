package dev.socra.server.cluster;

import dev.socra.server.live.EventLog;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Live event logs that follow the work, not the server: the server running a question or a pipeline
 * (the lease holder) copies its {@link EventLog} into a Redis Stream, {@code socra:live:<key>}, and
 * any other server follows that stream into a log of its own, so a founder connected anywhere sees
 * the same events, token by token, under the same ids.
 *
 * <p>Ids: event {@code n} of a log is the stream entry {@code n-0}, so the ids clients already know
 * (1, 2, 3…, sent as SSE {@code id:} and returned as {@code Last-Event-ID}) mean the same event on
 * every server, and a reconnect anywhere resumes exactly after the last one seen.
 *
 * <p>Batches: the owner sends what its log gained in one script call, then waits {@link #BATCH} for
 * more before the next; a question's tokens cross servers a few at a time, not one message each.
 *
 * <p>Fencing: each stream has a hash {@code socra:live:<key>:meta} holding the fence of the lease
 * that writes it. A new owner (a takeover) first raises it, then reads what the stream already
 * holds, then carries on from the next id; a server whose lease was taken over has a lower fence
 * and its writes are refused, so nothing is written twice or out of order. When the log closes the
 * owner records its last id ({@code closed}): a follower that has it stops, and a late reader can
 * replay the whole stream. Streams live an hour after their last event, ten minutes once closed;
 * the database keeps the results for good.
 */
@Component
public class EventStreams {
  private static final Logger log = LoggerFactory.getLogger(EventStreams.class);

  /** How long the owner gathers events before sending them on. */
  public static final Duration BATCH = Duration.ofMillis(3);

  static final long LIVE_MILLIS = Duration.ofHours(1).toMillis();
  static final long CLOSED_MILLIS = Duration.ofMinutes(10).toMillis();

  /**
   * Raises the fence when higher: 1 when the caller now owns the stream, 0 when a newer owner does.
   * A stream whose log was closed belongs to an earlier run of the same work (a question asked
   * again, a pipeline started anew): the new run starts a new stream, as it starts a new log.
   */
  private static final String CLAIM =
      """
      local f = tonumber(redis.call('HGET', KEYS[2], 'fence') or '0')
      local mine = tonumber(ARGV[1])
      if mine < f then return 0 end
      if redis.call('HEXISTS', KEYS[2], 'closed') == 1 then
        redis.call('DEL', KEYS[1])
        redis.call('HDEL', KEYS[2], 'closed')
      end
      redis.call('HSET', KEYS[2], 'fence', ARGV[1])
      redis.call('PEXPIRE', KEYS[2], ARGV[2])
      return 1
      """;

  /**
   * Appends the events of several streams in one call: KEYS are (stream, meta) pairs; ARGV starts
   * with the keep times (open, closed), then for each stream its fence, the id it closes at (0
   * while open), a count, and that many (id, name, data) triples. Ids the stream has already are
   * skipped. Returns, per stream, its last id, or -1 when a newer owner holds it (nothing written).
   */
  private static final String APPEND =
      """
      local a = 3
      local out = {}
      for k = 1, #KEYS, 2 do
        local s, m = KEYS[k], KEYS[k + 1]
        local fence, closedAt, n = tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
        a = a + 3
        local f = tonumber(redis.call('HGET', m, 'fence') or '0')
        if fence < f then
          out[#out + 1] = -1
        else
          if fence > f then redis.call('HSET', m, 'fence', fence) end
          local top = 0
          local last = redis.call('XREVRANGE', s, '+', '-', 'COUNT', 1)
          if #last > 0 then top = tonumber(string.match(last[1][1], '^(%d+)')) end
          for i = 0, n - 1 do
            local id = tonumber(ARGV[a + i * 3])
            if id > top then
              redis.call('XADD', s, id .. '-0', 'e', ARGV[a + i * 3 + 1], 'd', ARGV[a + i * 3 + 2])
              top = id
            end
          end
          local keep = ARGV[1]
          if closedAt > 0 then
            redis.call('HSET', m, 'closed', closedAt)
            if closedAt >= top then
              redis.call('XADD', s, closedAt .. '-1', 'c', '1')
            end
            keep = ARGV[2]
          end
          redis.call('PEXPIRE', s, keep)
          redis.call('PEXPIRE', m, keep)
          out[#out + 1] = top
        end
        a = a + n * 3
      end
      return out
      """;

  /** What one look at a stream found. */
  public enum Look {
    /** The log has every event and the owner closed it: following ends. */
    CLOSED,
    /** The stream is there and open (events may have been copied). */
    OPEN,
    /** No such stream (not started yet, expired, or lost with Redis's data). */
    ABSENT,
    /** Redis is out of reach. */
    UNAVAILABLE
  }

  private final Redis redis;
  private final Duration batchWindow;
  private final ConcurrentLinkedQueue<StatefulRedisConnection<String, String>> idle =
      new ConcurrentLinkedQueue<>();
  private final Map<String, Owned> owned = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.Semaphore wake = new java.util.concurrent.Semaphore(0);
  private Thread sender;
  private final Map<String, Followed> followed = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.Semaphore readerWake = new java.util.concurrent.Semaphore(0);
  private Thread reader;

  /** How long the shared reader blocks in one XREAD: a new follower waits at most this. */
  static final Duration READ_BLOCK = Duration.ofMillis(50);

  /** A followed log nobody asked about for this long is dropped (its follower went away). */
  private static final long FORGET_NANOS = Duration.ofSeconds(30).toNanos();

  @org.springframework.beans.factory.annotation.Autowired
  EventStreams(Redis redis) {
    this(redis, BATCH);
  }

  /** With another batching window: zero sends each event as soon as it is seen (the benchmark). */
  public EventStreams(Redis redis, Duration batchWindow) {
    this.redis = redis;
    this.batchWindow = batchWindow;
  }

  public boolean enabled() {
    return redis.enabled();
  }

  static String stream(String key) {
    return "socra:live:" + key;
  }

  static String meta(String key) {
    return "socra:live:" + key + ":meta";
  }

  /**
   * This server now runs the work under {@code fence}: claims the stream, copies into {@code log}
   * what the stream holds beyond it (events a previous owner sent), then sends every later event of
   * the log from a thread of its own until the log closes or a newer owner takes over. Never
   * throws: while Redis is out of reach the sender keeps trying.
   */
  public void own(String key, long fence, EventLog events) {
    try {
      Long claimed =
          redis.script(
              CLAIM,
              ScriptOutputType.INTEGER,
              new String[] {stream(key), meta(key)},
              String.valueOf(fence),
              String.valueOf(LIVE_MILLIS));
      if (claimed == 0) {
        return; // a newer owner holds it; the work's writes are fenced in the database too
      }
      copy(key, events, redis.call(c -> c.xrange(stream(key), Range.create("-", "+"))));
    } catch (SharedStateUnavailableException e) {
      log.warn("live stream {} not claimed yet: {}", key, e.getMessage());
    }
    followed.remove(key); // this server runs it now: nothing to read back
    Owned o = new Owned(key, fence, events);
    Owned before = owned.put(key, o);
    if (before != null && before != o) {
      log.debug("live stream {} owned again (fence {})", key, fence);
    }
    if (batchWindow.isPositive()) {
      startSender();
      wake.release();
    } else {
      Thread.ofVirtual().name("socra-relay-" + key).start(() -> sendOne(o));
    }
  }

  private synchronized void startSender() {
    if (sender == null) {
      sender = Thread.ofVirtual().name("socra-live-sender").start(this::sendAll);
    }
  }

  /** One owned log on its way to Redis: what has been sent of it so far. */
  private static final class Owned {
    final String key;
    final long fence;
    final EventLog events;
    long sent;

    Owned(String key, long fence, EventLog events) {
      this.key = key;
      this.fence = fence;
      this.events = events;
      this.sent = events.size();
    }
  }

  /** What one send carries for one log. */
  private record Part(Owned owned, List<EventLog.Event> events, boolean closed) {}

  /**
   * The sender of this server: every {@link #batchWindow}, what every owned log gained since the
   * last time, in one script call for all of them. A question's tokens come 10-30 ms apart, so
   * batching one stream alone gains little; a server relaying many streams sends them together.
   */
  private void sendAll() {
    while (true) {
      try {
        if (owned.isEmpty()) {
          wake.acquire(); // own() releases it
          continue;
        }
        Thread.sleep(batchWindow.toMillis());
        List<Part> parts = new ArrayList<>();
        for (Owned o : owned.values()) {
          EventLog.Batch b = o.events.after(o.sent, Duration.ZERO);
          if (!b.events().isEmpty() || b.closed()) {
            parts.add(new Part(o, b.events(), b.closed()));
          }
        }
        if (!parts.isEmpty()) {
          sendParts(parts);
        }
      } catch (SharedStateUnavailableException e) {
        pause(Duration.ofMillis(200)); // keep the events; send them when Redis is back
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("live stream sender: {}", e.toString());
        pause(Duration.ofMillis(200));
      }
    }
  }

  /** One log, each event sent as soon as it is seen (without a batching window). */
  private void sendOne(Owned o) {
    while (owned.containsKey(o.key)) {
      try {
        EventLog.Batch b = o.events.after(o.sent, Duration.ofSeconds(15));
        if (!b.events().isEmpty() || b.closed()) {
          sendParts(List.of(new Part(o, b.events(), b.closed())));
        }
      } catch (SharedStateUnavailableException e) {
        pause(Duration.ofMillis(200));
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sendParts(List<Part> parts) {
    List<String> keys = new ArrayList<>(parts.size() * 2);
    List<String> args = new ArrayList<>();
    args.add(String.valueOf(LIVE_MILLIS));
    args.add(String.valueOf(CLOSED_MILLIS));
    for (Part p : parts) {
      keys.add(stream(p.owned().key));
      keys.add(meta(p.owned().key));
      long last = p.events().isEmpty() ? p.owned().sent : p.events().getLast().id();
      args.add(String.valueOf(p.owned().fence));
      args.add(String.valueOf(p.closed() ? last : 0));
      args.add(String.valueOf(p.events().size()));
      for (EventLog.Event e : p.events()) {
        args.add(String.valueOf(e.id()));
        args.add(e.name());
        args.add(e.data());
      }
    }
    List<Long> tops =
        redis.script(
            APPEND,
            ScriptOutputType.MULTI,
            keys.toArray(String[]::new),
            args.toArray(String[]::new));
    for (int i = 0; i < parts.size(); i++) {
      Part p = parts.get(i);
      Owned o = p.owned();
      if (tops.get(i) < 0) {
        log.info("live stream {} taken over by another server; this one stops sending", o.key);
        owned.remove(o.key, o);
        continue;
      }
      if (!p.events().isEmpty()) {
        o.sent = p.events().getLast().id();
      }
      if (p.closed()) {
        owned.remove(o.key, o);
      }
    }
  }

  /**
   * One look as a follower: waits up to {@code wait} for events after the last one {@code events}
   * has, copies them in, and says whether the stream is closed, open or absent.
   */
  public Look follow(String key, EventLog events, Duration wait) {
    return batchWindow.isPositive()
        ? followShared(key, events, wait)
        : followOne(key, events, wait);
  }

  /** A log this server follows, and what the shared reader learned of its stream. */
  private static final class Followed {
    final EventLog events;
    volatile boolean closed;
    volatile long askedAt = System.nanoTime();

    Followed(EventLog events) {
      this.events = events;
    }
  }

  /**
   * Through the server's one reader: it reads every followed stream in one blocking {@code XREAD}
   * and copies what came into each log, so many streams cost one round trip, not one each.
   */
  private Look followShared(String key, EventLog events, Duration wait) {
    // A new log for the same work (a question asked again, a pipeline started anew) replaces the
    // old one's entry.
    Followed f =
        followed.compute(
            key,
            (k, known) -> known != null && known.events == events ? known : new Followed(events));
    f.askedAt = System.nanoTime();
    startReader();
    readerWake.release();
    long before = events.size();
    try {
      if (!f.closed) {
        events.after(before, wait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Look.UNAVAILABLE;
    }
    if (f.closed) {
      followed.remove(key, f);
      return Look.CLOSED;
    }
    if (events.size() > before) {
      return Look.OPEN;
    }
    try {
      return redis.call(c -> c.exists(meta(key))) == 0 ? Look.ABSENT : Look.OPEN;
    } catch (SharedStateUnavailableException e) {
      return Look.UNAVAILABLE;
    }
  }

  private synchronized void startReader() {
    if (reader == null) {
      reader = Thread.ofVirtual().name("socra-live-reader").start(this::readAll);
    }
  }

  /** The shared reader: one XREAD over every followed stream, copies, markers, forgotten logs. */
  @SuppressWarnings("unchecked")
  private void readAll() {
    StatefulRedisConnection<String, String> c = null;
    while (true) {
      try {
        if (followed.isEmpty()) {
          readerWake.acquire();
          continue;
        }
        long now = System.nanoTime();
        followed.values().removeIf(f -> now - f.askedAt > FORGET_NANOS);
        List<String> keys = new ArrayList<>(followed.keySet());
        if (keys.isEmpty()) {
          continue;
        }
        XReadArgs.StreamOffset<String>[] offsets = new XReadArgs.StreamOffset[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
          Followed f = followed.get(keys.get(i));
          long last = f == null ? 0 : f.events.size();
          offsets[i] = XReadArgs.StreamOffset.from(stream(keys.get(i)), last + "-0");
        }
        if (c == null || !c.isOpen()) {
          c = redis.dedicated();
        }
        List<StreamMessage<String, String>> got =
            c.sync().xread(XReadArgs.Builder.block(READ_BLOCK.toMillis()).count(1000), offsets);
        Map<String, List<StreamMessage<String, String>>> byStream = new java.util.HashMap<>();
        for (StreamMessage<String, String> m : got) {
          byStream.computeIfAbsent(m.getStream(), k -> new ArrayList<>()).add(m);
        }
        for (String key : keys) {
          List<StreamMessage<String, String>> mine = byStream.get(stream(key));
          Followed f = followed.get(key);
          if (mine == null || f == null) {
            continue;
          }
          // The end marker first, so a follower woken by the last events sees the end with them.
          if (mine.stream().anyMatch(m -> !m.getId().endsWith("-0"))) {
            f.closed = true;
          }
          copy(key, f.events, mine);
          if (f.closed) {
            f.events.wake();
          }
        }
        if (!got.isEmpty()) {
          // Let a few more tokens of every stream come before the next read: one read then
          // carries many, rather than one token of one stream.
          Thread.sleep(batchWindow.toMillis());
        }
      } catch (InterruptedException e) {
        if (c != null) {
          c.close();
        }
        return;
      } catch (RuntimeException e) {
        if (c != null) {
          c.close();
          c = null;
        }
        pause(Duration.ofMillis(200)); // Redis out of reach: the followers see nothing new
      }
    }
  }

  /** Through a connection of its own, one round trip per look. */
  private Look followOne(String key, EventLog events, Duration wait) {
    StatefulRedisConnection<String, String> c = null;
    try {
      c = borrow();
      long last = events.size();
      // Both in one round trip: the meta is read as soon as the blocking read returns.
      var async = c.async();
      RedisFuture<List<StreamMessage<String, String>>> read =
          async.xread(
              XReadArgs.Builder.block(Math.max(1, wait.toMillis())).count(1000),
              XReadArgs.StreamOffset.from(stream(key), last + "-0"));
      RedisFuture<Map<String, String>> metaRead = async.hgetall(meta(key));
      long limit = wait.toMillis() + Redis.TIMEOUT.toMillis();
      copy(key, events, read.get(limit, TimeUnit.MILLISECONDS));
      Map<String, String> m = metaRead.get(limit, TimeUnit.MILLISECONDS);
      giveBack(c);
      c = null;
      if (m.isEmpty()) {
        return Look.ABSENT;
      }
      String closed = m.get("closed");
      if (closed != null && events.size() >= Long.parseLong(closed)) {
        return Look.CLOSED;
      }
      return Look.OPEN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (c != null) {
        c.close();
      }
      return Look.UNAVAILABLE;
    } catch (ExecutionException
        | TimeoutException
        | io.lettuce.core.RedisException
        | SharedStateUnavailableException e) {
      if (c != null) {
        c.close();
      }
      pause(wait);
      return Look.UNAVAILABLE;
    }
  }

  /** A closed stream as a whole log (a reader arriving after the work ended), if Redis has it. */
  public Optional<EventLog> replay(String key) {
    try {
      Map<String, String> m = redis.call(c -> c.hgetall(meta(key)));
      if (m.get("closed") == null) {
        return Optional.empty();
      }
      EventLog events = new EventLog();
      copy(key, events, redis.call(c -> c.xrange(stream(key), Range.create("-", "+"))));
      if (events.size() < Long.parseLong(m.get("closed"))) {
        return Optional.empty(); // lost in part: the database tells the end
      }
      events.close();
      return Optional.of(events);
    } catch (SharedStateUnavailableException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Appends the stream's entries that come next in {@code events}; a gap stops the copy. */
  private static void copy(String key, EventLog events, List<StreamMessage<String, String>> got) {
    for (StreamMessage<String, String> m : got) {
      if (!m.getId().endsWith("-0")) {
        continue; // the owner's end marker (<last id>-1), not an event
      }
      long id = Long.parseLong(m.getId().substring(0, m.getId().indexOf('-')));
      if (id <= events.size()) {
        continue;
      }
      if (id != events.size() + 1) {
        log.warn("live stream {} has a gap before event {}", key, id);
        return;
      }
      events.append(m.getBody().get("e"), m.getBody().get("d"));
    }
  }

  private StatefulRedisConnection<String, String> borrow() {
    StatefulRedisConnection<String, String> c = idle.poll();
    while (c != null && !c.isOpen()) {
      c.close();
      c = idle.poll();
    }
    return c != null ? c : redis.dedicated();
  }

  private void giveBack(StatefulRedisConnection<String, String> c) {
    if (idle.size() < 32) {
      idle.add(c);
    } else {
      c.close();
    }
  }

  @jakarta.annotation.PreDestroy
  void close() {
    synchronized (this) {
      if (sender != null) {
        sender.interrupt();
      }
      if (reader != null) {
        reader.interrupt();
      }
    }
    StatefulRedisConnection<String, String> c;
    while ((c = idle.poll()) != null) {
      c.close();
    }
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
