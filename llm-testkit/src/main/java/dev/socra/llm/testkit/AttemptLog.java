package dev.socra.llm.testkit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;

/**
 * The requests the fake has seen, oldest first. Bounded so a long benchmark run against a
 * standalone fake cannot grow it without limit; sequence numbers keep counting regardless.
 */
final class AttemptLog {

  static final int CAPACITY = 100_000;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition added = lock.newCondition();
  private final Deque<SeenRequest> entries = new ArrayDeque<>();
  private long seq;

  /** Numbers and appends in one step, so sequence numbers follow the log's order. */
  void add(LongFunction<SeenRequest> numbered) {
    lock.lock();
    try {
      if (entries.size() == CAPACITY) {
        entries.pollFirst();
      }
      entries.addLast(numbered.apply(++seq));
      added.signalAll();
    } finally {
      lock.unlock();
    }
  }

  List<SeenRequest> snapshot() {
    lock.lock();
    try {
      return List.copyOf(entries);
    } finally {
      lock.unlock();
    }
  }

  void clear() {
    lock.lock();
    try {
      entries.clear();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until the log holds at least {@code count} requests; false if {@code max} passed. */
  boolean await(int count, Duration max) throws InterruptedException {
    lock.lock();
    try {
      long left = max.toNanos();
      while (entries.size() < count) {
        if (left <= 0) {
          return false;
        }
        left = added.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }
}
