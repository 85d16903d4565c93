package dev.socra.server.cluster;

import dev.socra.server.live.EventLog;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner's side of {@link EventStreams}: sends the logs of the work this server runs to their
 * Redis Streams, under each lease's fence. With a batching window, one thread sends, every window,
 * what every owned log gained, in one script call for all of them; without one (the benchmark's
 * "before"), each log has a thread that sends each event as soon as it is seen.
 */
final class StreamSender {
  private static final Logger log = LoggerFactory.getLogger(StreamSender.class);

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

  private final Redis redis;
  private final Duration window;
  private final Map<String, Owned> owned = new ConcurrentHashMap<>();
  private final Semaphore wake = new Semaphore(0);
  private Thread sender;

  StreamSender(Redis redis, Duration window) {
    this.redis = redis;
    this.window = window;
  }

  /** Sends {@code events} after its first {@code events.size()} under {@code fence}. */
  void send(String key, long fence, EventLog events) {
    Owned o = new Owned(key, fence, events);
    Owned before = owned.put(key, o);
    if (before != null && before != o) {
      log.debug("live stream {} owned again (fence {})", key, fence);
    }
    if (window.isPositive()) {
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

  synchronized void close() {
    if (sender != null) {
      sender.interrupt();
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
   * The sender of this server: every {@code window}, what every owned log gained since the last
   * time, in one script call for all of them. A question's tokens come 10-30 ms apart, so batching
   * one stream alone gains little; a server relaying many streams sends them together.
   */
  private void sendAll() {
    while (true) {
      try {
        if (owned.isEmpty()) {
          wake.acquire(); // own() releases it
          continue;
        }
        Thread.sleep(window.toMillis());
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
        EventStreams.pause(Duration.ofMillis(200)); // keep the events; send them when Redis is back
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("live stream sender: {}", e.toString());
        EventStreams.pause(Duration.ofMillis(200));
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
        EventStreams.pause(Duration.ofMillis(200));
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sendParts(List<Part> parts) {
    List<String> keys = new ArrayList<>(parts.size() * 2);
    List<String> args = new ArrayList<>();
    args.add(String.valueOf(EventStreams.LIVE_MILLIS));
    args.add(String.valueOf(EventStreams.CLOSED_MILLIS));
    for (Part p : parts) {
      keys.add(EventStreams.stream(p.owned().key));
      keys.add(EventStreams.meta(p.owned().key));
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
}
