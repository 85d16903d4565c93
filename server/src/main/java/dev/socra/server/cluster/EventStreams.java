package dev.socra.server.cluster;

import dev.socra.server.live.EventLog;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>Batches: every {@link #BATCH}, one sender per server ({@link StreamSender}) sends what all the
 * logs it owns gained, in one script call, and one reader per server ({@link StreamReader}) reads
 * every stream it follows in one {@code XREAD}: tokens cross servers many at a time, not one
 * message each.
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
  private final StreamSender sender;
  private final StreamReader reader;

  @org.springframework.beans.factory.annotation.Autowired
  EventStreams(Redis redis) {
    this(redis, BATCH);
  }

  /**
   * With another batching window: zero sends each event as soon as it is seen and reads each stream
   * on its own (the benchmark's "before").
   */
  public EventStreams(Redis redis, Duration batchWindow) {
    this.redis = redis;
    this.sender = new StreamSender(redis, batchWindow);
    this.reader = new StreamReader(redis, batchWindow);
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
    reader.forget(key); // this server runs it now: nothing to read back
    sender.send(key, fence, events);
  }

  /**
   * One look as a follower: waits up to {@code wait} for events after the last one {@code events}
   * has, copies them in, and says whether the stream is closed, open or absent.
   */
  public Look follow(String key, EventLog events, Duration wait) {
    return reader.follow(key, events, wait);
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
  static void copy(String key, EventLog events, List<StreamMessage<String, String>> got) {
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

  @jakarta.annotation.PreDestroy
  void close() {
    sender.close();
    reader.close();
  }

  static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
