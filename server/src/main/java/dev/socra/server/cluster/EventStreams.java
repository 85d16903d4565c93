package dev.socra.server.cluster;

import dev.socra.server.live.EventLog;
import io.lettuce.core.Range;
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
  static final Duration BATCH = Duration.ofMillis(3);

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
   * Appends events (id, name, data triples) under the caller's fence, skipping ids the stream has
   * already; with ARGV[3] > 0 records the log as closed at that id. -1 when a newer owner holds it.
   */
  private static final String APPEND =
      """
      local f = tonumber(redis.call('HGET', KEYS[2], 'fence') or '0')
      if tonumber(ARGV[1]) < f then return -1 end
      if tonumber(ARGV[1]) > f then redis.call('HSET', KEYS[2], 'fence', ARGV[1]) end
      local top = 0
      local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
      if #last > 0 then top = tonumber(string.match(last[1][1], '^(%d+)')) end
      for i = 4, #ARGV, 3 do
        local id = tonumber(ARGV[i])
        if id > top then
          redis.call('XADD', KEYS[1], id .. '-0', 'e', ARGV[i + 1], 'd', ARGV[i + 2])
          top = id
        end
      end
      local keep = ARGV[2]
      if tonumber(ARGV[3]) > 0 then
        redis.call('HSET', KEYS[2], 'closed', ARGV[3])
        keep = '%CLOSED%'
      end
      redis.call('PEXPIRE', KEYS[1], keep)
      redis.call('PEXPIRE', KEYS[2], keep)
      return top
      """
          .replace("%CLOSED%", String.valueOf(CLOSED_MILLIS));

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
  private final ConcurrentLinkedQueue<StatefulRedisConnection<String, String>> idle =
      new ConcurrentLinkedQueue<>();

  EventStreams(Redis redis) {
    this.redis = redis;
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
          redis.call(
              c ->
                  c.eval(
                      CLAIM,
                      ScriptOutputType.INTEGER,
                      new String[] {stream(key), meta(key)},
                      String.valueOf(fence),
                      String.valueOf(LIVE_MILLIS)));
      if (claimed == 0) {
        return; // a newer owner holds it; the work's writes are fenced in the database too
      }
      copy(key, events, redis.call(c -> c.xrange(stream(key), Range.create("-", "+"))));
    } catch (SharedStateUnavailableException e) {
      log.warn("live stream {} not claimed yet: {}", key, e.getMessage());
    }
    Thread.ofVirtual().name("socra-relay-" + key).start(() -> send(key, fence, events));
  }

  /** The owner's sender: the log's events after what the stream has, in batches. */
  private void send(String key, long fence, EventLog events) {
    long sent = events.size();
    while (true) {
      try {
        EventLog.Batch batch = events.after(sent, Duration.ofSeconds(15));
        if (!batch.closed() && !batch.events().isEmpty()) {
          Thread.sleep(BATCH.toMillis()); // let a few more tokens come
          batch = events.after(sent, Duration.ZERO);
        }
        if (batch.events().isEmpty() && !batch.closed()) {
          continue;
        }
        long last = batch.events().isEmpty() ? sent : batch.events().getLast().id();
        long result = append(key, fence, batch.events(), batch.closed() ? last : 0);
        if (result < 0) {
          log.info("live stream {} taken over by another server; this one stops sending", key);
          return;
        }
        sent = last;
        if (batch.closed()) {
          return;
        }
      } catch (SharedStateUnavailableException e) {
        pause(Duration.ofMillis(200)); // keep the events; send them when Redis is back
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private long append(String key, long fence, List<EventLog.Event> batch, long closedAt) {
    List<String> args = new ArrayList<>(3 + batch.size() * 3);
    args.add(String.valueOf(fence));
    args.add(String.valueOf(LIVE_MILLIS));
    args.add(String.valueOf(closedAt));
    for (EventLog.Event e : batch) {
      args.add(String.valueOf(e.id()));
      args.add(e.name());
      args.add(e.data());
    }
    Long r =
        redis.call(
            c ->
                c.eval(
                    APPEND,
                    ScriptOutputType.INTEGER,
                    new String[] {stream(key), meta(key)},
                    args.toArray(String[]::new)));
    return r;
  }

  /**
   * One look as a follower: waits up to {@code wait} for events after the last one {@code events}
   * has, copies them in, and says whether the stream is closed, open or absent.
   */
  public Look follow(String key, EventLog events, Duration wait) {
    StatefulRedisConnection<String, String> c = null;
    try {
      c = borrow();
      long last = events.size();
      List<StreamMessage<String, String>> got =
          c.sync()
              .xread(
                  XReadArgs.Builder.block(Math.max(1, wait.toMillis())).count(1000),
                  XReadArgs.StreamOffset.from(stream(key), last + "-0"));
      copy(key, events, got);
      Map<String, String> m = c.sync().hgetall(meta(key));
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
    } catch (RuntimeException e) {
      if (c != null) {
        c.close();
      }
      if (!(e instanceof io.lettuce.core.RedisException)
          && !(e instanceof SharedStateUnavailableException)) {
        throw e;
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
