package dev.socra.server.live;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The work running now, by key ({@code <session>/turn/3}, {@code <session>/pipeline}): each on its
 * own virtual thread, writing to its {@link EventLog}. A finished log stays readable for a while so
 * that a client reconnecting late still gets every event; after that, readers rebuild the end state
 * from the database.
 */
@Component
public class LiveRuns implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveRuns.class);
  static final Duration RETENTION = Duration.ofMinutes(10);

  private final Map<String, EventLog> runs = new ConcurrentHashMap<>();
  private final ScheduledExecutorService janitor =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("socra-live-janitor").factory());

  /**
   * Starts {@code work} under {@code key} unless it is running (or just ran) already; either way
   * returns its log. The work appends events; the log is closed when it returns or throws.
   */
  public EventLog start(String key, Consumer<EventLog> work) {
    return launch(key, work).log();
  }

  /**
   * Starts {@code work} under {@code key} and returns its new log; empty when work under that key
   * is running (or just ran) already, and {@code work} was not started.
   */
  public Optional<EventLog> startNew(String key, Consumer<EventLog> work) {
    Launch l = launch(key, work);
    return l.started() ? Optional.of(l.log()) : Optional.empty();
  }

  private record Launch(EventLog log, boolean started) {}

  private Launch launch(String key, Consumer<EventLog> work) {
    EventLog[] created = new EventLog[1];
    EventLog existing =
        runs.computeIfAbsent(
            key,
            k -> {
              created[0] = new EventLog();
              return created[0];
            });
    if (created[0] == null) {
      return new Launch(existing, false);
    }
    EventLog fresh = created[0];
    Thread.ofVirtual()
        .name("socra-" + key)
        .start(
            () -> {
              try {
                work.accept(fresh);
              } catch (RuntimeException e) {
                log.warn("live work {} failed: {}", key, e.toString());
              } finally {
                fresh.close();
                janitor.schedule(
                    () -> runs.remove(key, fresh), RETENTION.toMillis(), TimeUnit.MILLISECONDS);
              }
            });
    return new Launch(fresh, true);
  }

  public Optional<EventLog> find(String key) {
    return Optional.ofNullable(runs.get(key));
  }

  /** True while work under {@code key} is running (not merely retained). */
  public boolean running(String key) {
    EventLog l = runs.get(key);
    return l != null && !l.closed();
  }

  /** Forgets a finished run at once (its result is stored), so the next start runs it anew. */
  public void forget(String key) {
    EventLog l = runs.get(key);
    if (l != null && l.closed()) {
      runs.remove(key, l);
    }
  }

  /** Forgets every finished run of a session (deleted): its logs are not replayed to anyone. */
  public void forgetSession(String sessionId) {
    runs.entrySet().removeIf(e -> e.getKey().startsWith(sessionId + "/") && e.getValue().closed());
  }

  /** True while any work of the session runs (a question being written, the pipeline). */
  public boolean anyRunning(String sessionId) {
    return runs.entrySet().stream()
        .anyMatch(e -> e.getKey().startsWith(sessionId + "/") && !e.getValue().closed());
  }

  @Override
  public void close() {
    janitor.shutdownNow();
  }
}
