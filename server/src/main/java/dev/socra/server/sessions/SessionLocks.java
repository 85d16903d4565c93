package dev.socra.server.sessions;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per session, held for one step (an answer, the end, starting the pipeline). A lock
 * exists only while someone holds it or waits for it: the last one out removes it, so requests for
 * sessions that do not exist (or ids made up by a caller) leave nothing behind. A {@link
 * ReentrantLock}, not {@code synchronized}: the steps run JDBC on virtual threads.
 */
final class SessionLocks {
  private static final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    int holders; // changed only inside ConcurrentHashMap.compute for this id, so never raced
  }

  private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();

  /** Runs {@code step} holding the session's lock. */
  <T> T with(String sessionId, Supplier<T> step) {
    Entry entry =
        locks.compute(
            sessionId,
            (id, e) -> {
              Entry held = e == null ? new Entry() : e;
              held.holders++;
              return held;
            });
    entry.lock.lock();
    try {
      return step.get();
    } finally {
      entry.lock.unlock();
      locks.computeIfPresent(sessionId, (id, e) -> --e.holders == 0 ? null : e);
    }
  }

  /** How many sessions have a lock now: held or waited for. */
  int size() {
    return locks.size();
  }
}
