package dev.socra.llm.budget;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Calls in flight on one target, against its concurrency limit (0: no limit). A call waiting for a
 * slot waits for another call to finish, not for time to pass, so it is woken when one does.
 */
final class Slots {
  private final int limit;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition freed = lock.newCondition();
  private int inFlight;

  Slots(int limit) {
    this.limit = limit;
  }

  boolean full() {
    lock.lock();
    try {
      return limit > 0 && inFlight >= limit;
    } finally {
      lock.unlock();
    }
  }

  int inFlight() {
    lock.lock();
    try {
      return inFlight;
    } finally {
      lock.unlock();
    }
  }

  void take() {
    lock.lock();
    try {
      inFlight++;
    } finally {
      lock.unlock();
    }
  }

  void give() {
    lock.lock();
    try {
      inFlight = Math.max(0, inFlight - 1);
      freed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until a slot is free or {@code max} has passed; true when one is free. */
  boolean awaitFree(Duration max) throws InterruptedException {
    lock.lock();
    try {
      long left = Math.max(0, max.toNanos());
      while (limit > 0 && inFlight >= limit) {
        if (left <= 0) {
          return false;
        }
        left = freed.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }
}
