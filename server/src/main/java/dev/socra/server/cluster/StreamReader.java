package dev.socra.server.cluster;

import dev.socra.server.cluster.EventStreams.Look;
import dev.socra.server.live.EventLog;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The follower's side of {@link EventStreams}: copies the streams of work other servers run into
 * this server's logs. With a batching window, one thread reads every followed stream in one
 * blocking {@code XREAD} (then waits the window, so the next read carries many tokens); without one
 * (the benchmark's "before"), each look is a blocking read of its own stream on a connection of its
 * own.
 */
final class StreamReader {
  /** How long the shared reader blocks in one XREAD: a new follower waits at most this. */
  static final Duration READ_BLOCK = Duration.ofMillis(50);

  /** A followed log nobody asked about for this long is dropped (its follower went away). */
  private static final long FORGET_NANOS = Duration.ofSeconds(30).toNanos();

  private final Redis redis;
  private final Duration window;
  private final Map<String, Followed> followed = new ConcurrentHashMap<>();
  private final Semaphore readerWake = new Semaphore(0);
  private final ConcurrentLinkedQueue<StatefulRedisConnection<String, String>> idle =
      new ConcurrentLinkedQueue<>();
  private Thread reader;

  StreamReader(Redis redis, Duration window) {
    this.redis = redis;
    this.window = window;
  }

  /** One look: see {@link EventStreams#follow}. */
  Look follow(String key, EventLog events, Duration wait) {
    return window.isPositive() ? followShared(key, events, wait) : followOne(key, events, wait);
  }

  /** This server runs {@code key} now: nothing to read back. */
  void forget(String key) {
    followed.remove(key);
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
      return redis.call(c -> c.exists(EventStreams.meta(key))) == 0 ? Look.ABSENT : Look.OPEN;
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
          offsets[i] = XReadArgs.StreamOffset.from(EventStreams.stream(keys.get(i)), last + "-0");
        }
        if (c == null || !c.isOpen()) {
          c = redis.dedicated();
        }
        List<StreamMessage<String, String>> got =
            c.sync().xread(XReadArgs.Builder.block(READ_BLOCK.toMillis()).count(1000), offsets);
        Map<String, List<StreamMessage<String, String>>> byStream = new HashMap<>();
        for (StreamMessage<String, String> m : got) {
          byStream.computeIfAbsent(m.getStream(), k -> new ArrayList<>()).add(m);
        }
        for (String key : keys) {
          List<StreamMessage<String, String>> mine = byStream.get(EventStreams.stream(key));
          Followed f = followed.get(key);
          if (mine == null || f == null) {
            continue;
          }
          // The end marker first, so a follower woken by the last events sees the end with them.
          if (mine.stream().anyMatch(m -> !m.getId().endsWith("-0"))) {
            f.closed = true;
          }
          EventStreams.copy(key, f.events, mine);
          if (f.closed) {
            f.events.wake();
          }
        }
        if (!got.isEmpty()) {
          // Let a few more tokens of every stream come before the next read: one read then
          // carries many, rather than one token of one stream.
          Thread.sleep(window.toMillis());
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
        EventStreams.pause(
            Duration.ofMillis(200)); // Redis out of reach: the followers see nothing new
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
              XReadArgs.StreamOffset.from(EventStreams.stream(key), last + "-0"));
      RedisFuture<Map<String, String>> metaRead = async.hgetall(EventStreams.meta(key));
      long limit = wait.toMillis() + Redis.TIMEOUT.toMillis();
      EventStreams.copy(key, events, read.get(limit, TimeUnit.MILLISECONDS));
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
      EventStreams.pause(wait);
      return Look.UNAVAILABLE;
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

  synchronized void close() {
    if (reader != null) {
      reader.interrupt();
    }
    StatefulRedisConnection<String, String> c;
    while ((c = idle.poll()) != null) {
      c.close();
    }
  }
}
