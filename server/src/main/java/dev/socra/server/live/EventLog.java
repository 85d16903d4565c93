package dev.socra.server.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The events of one running piece of work (a question being written, a pipeline), kept in order
 * with ids 1, 2, 3…: any number of readers follow it live, and a reader that reconnects with the
 * last id it saw ({@code Last-Event-ID}) gets exactly what it missed. The work goes on whether or
 * not anyone is reading.
 */
public final class EventLog {
  /** One server-sent event; {@code data} is JSON. */
  public record Event(long id, String name, String data) {}

  /** What a reader gets: the events after its last id, and whether the log is finished. */
  public record Batch(List<Event> events, boolean closed) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<Event> events = new ArrayList<>();

  /** When each event was appended ({@link System#nanoTime()}), by id - 1. */
  private long[] appendedAt = new long[16];

  private boolean closed;

  public void append(String name, String data) {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the log is closed");
      }
      if (events.size() == appendedAt.length) {
        appendedAt = java.util.Arrays.copyOf(appendedAt, appendedAt.length * 2);
      }
      appendedAt[events.size()] = System.nanoTime();
      events.add(new Event(events.size() + 1, name, data));
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * When event {@code id} was appended, on the {@link System#nanoTime()} clock: how long relaying
   * it took is measured from here (the streaming load benchmark).
   */
  public long appendedAt(long id) {
    lock.lock();
    try {
      if (id < 1 || id > events.size()) {
        throw new IllegalArgumentException("no event " + id + " in this log");
      }
      return appendedAt[(int) id - 1];
    } finally {
      lock.unlock();
    }
  }

  /** How many events the log has: the id of the last one (0 when empty). */
  public long size() {
    lock.lock();
    try {
      return events.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Wakes every reader waiting in {@link #after} without an event: one that follows another
   * server's stream learns something beside events (that the stream ended).
   */
  public void wake() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** No more events will come. */
  public void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  public boolean closed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The events after {@code lastId}; waits up to {@code wait} for one when there is none yet and
   * the log is still open.
   */
  public Batch after(long lastId, Duration wait) throws InterruptedException {
    lock.lock();
    try {
      long nanos = wait.toNanos();
      while (events.size() <= lastId && !closed && nanos > 0) {
        nanos = changed.awaitNanos(nanos);
      }
      int from = (int) Math.max(0, Math.min(lastId, events.size()));
      return new Batch(List.copyOf(events.subList(from, events.size())), closed);
    } finally {
      lock.unlock();
    }
  }

  /** Waits until the log is closed (tests, shutdown). */
  public boolean awaitClosed(Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      long nanos = timeout.toNanos();
      while (!closed && nanos > 0) {
        nanos = changed.awaitNanos(nanos);
      }
      return closed;
    } finally {
      lock.unlock();
    }
  }
}
