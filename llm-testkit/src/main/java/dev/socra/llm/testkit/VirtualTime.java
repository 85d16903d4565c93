package dev.socra.llm.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Time for tests of waiting: a clock, and a sleeper that moves it instead of passing real time.
 * Give the same instance to the router ({@code clock(time.clock())}, {@code sleeper(time::sleep)})
 * and to the fake providers ({@link FakeProvider.Builder#time}), and a minute's Retry-After, a
 * budget's refill or a circuit's open time takes no time at all, while the router and the fakes
 * agree on what time it is. Thread-safe.
 *
 * <p>{@link #automatic()} time jumps to the end of every sleep at once: concurrent sleepers each
 * wake at once, and the clock is then at least at the latest end any of them asked for (as if each
 * had overslept a little). {@link #manual()} time moves only by {@link #advance}: a sleeper waits
 * until the clock reaches its end, so a test can look at the world while a fake is mid-wait, or
 * step the clock from one sleeper's end to the next ({@link #advanceToNextWake}) once everything
 * woken before has run: concurrent calls then meet a fake exactly when they meant to.
 */
public final class VirtualTime implements Sleeper {

  /** Where virtual time starts unless a test says otherwise: a whole second, for HTTP dates. */
  public static final Instant DEFAULT_START = Instant.parse("2026-03-02T09:00:00Z");

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition moved = lock.newCondition();
  private final Instant start;
  private final boolean automatic;
  private long nanos;

  /** The ends of the manual sleeps not yet reached, soonest first. */
  private final PriorityQueue<Long> pending = new PriorityQueue<>();

  private VirtualTime(Instant start, boolean automatic) {
    this.start = start;
    this.automatic = automatic;
  }

  /** Every sleep returns at once, moving the clock to its end. */
  public static VirtualTime automatic() {
    return automatic(DEFAULT_START);
  }

  public static VirtualTime automatic(Instant start) {
    return new VirtualTime(start, true);
  }

  /** Sleepers wait until {@link #advance} moves the clock past their end. */
  public static VirtualTime manual() {
    return manual(DEFAULT_START);
  }

  public static VirtualTime manual(Instant start) {
    return new VirtualTime(start, false);
  }

  public Instant now() {
    lock.lock();
    try {
      return start.plusNanos(nanos);
    } finally {
      lock.unlock();
    }
  }

  /** How far the clock has moved since it started. */
  public Duration elapsed() {
    lock.lock();
    try {
      return Duration.ofNanos(nanos);
    } finally {
      lock.unlock();
    }
  }

  /** This time as a {@link Clock} in UTC. */
  public Clock clock() {
    return new View(ZoneOffset.UTC);
  }

  /** Moves the clock forward, waking every sleeper whose end it reaches. */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time cannot run backwards: " + duration);
    }
    lock.lock();
    try {
      moveTo(nanos + duration.toNanos());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Moves the clock to the soonest end of a manual sleep, waking that sleeper (and any due at the
   * same instant).
   *
   * @return false when nobody sleeps
   */
  public boolean advanceToNextWake() {
    lock.lock();
    try {
      Long next = pending.peek();
      if (next == null) {
        return false;
      }
      moveTo(Math.max(nanos, next));
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs the tasks at once, each on its own virtual thread, and on manual time moves the clock from
   * one sleeper's end to the next whenever every task has either finished or fallen asleep: each
   * woken task runs until it finishes or sleeps again before time moves on, so concurrent calls
   * reach a fake exactly when they meant to, not when another task's sleep happened to move the
   * clock. (Automatic time cannot promise that: a sleep there moves the clock under every request
   * still on its way.)
   *
   * @param realTimeout how long, in real time, the tasks may take to finish or fall asleep
   * @return each task's result, in order
   * @throws ExecutionException the first task's failure, in order
   */
  public <T> List<T> runTogether(List<Callable<T>> tasks, Duration realTimeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    int[] finished = {0};
    List<Future<T>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Callable<T> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  try {
                    return task.call();
                  } finally {
                    lock.lock();
                    try {
                      finished[0]++;
                      moved.signalAll();
                    } finally {
                      lock.unlock();
                    }
                  }
                }));
      }
      lock.lock();
      try {
        long left = realTimeout.toNanos();
        while (finished[0] < tasks.size()) {
          if (!automatic && finished[0] + pending.size() == tasks.size()) {
            moveTo(Math.max(nanos, pending.peek()));
            continue;
          }
          if (left <= 0) {
            throw new TimeoutException(
                (tasks.size() - finished[0])
                    + " tasks neither finished nor slept within "
                    + realTimeout);
          }
          left = moved.awaitNanos(left);
        }
      } finally {
        lock.unlock();
      }
    }
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      results.add(f.get());
    }
    return results;
  }

  /** Threads in a manual sleep whose end the clock has not reached. */
  public int sleepers() {
    lock.lock();
    try {
      return pending.size();
    } finally {
      lock.unlock();
    }
  }

  private void moveTo(long value) {
    nanos = value;
    // the due no longer count as asleep, even before they get to run again
    while (!pending.isEmpty() && pending.peek() <= nanos) {
      pending.poll();
    }
    moved.signalAll();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before a virtual sleep");
    }
    if (!duration.isPositive()) {
      return;
    }
    lock.lockInterruptibly();
    try {
      long end = nanos + duration.toNanos();
      if (automatic) {
        nanos = Math.max(nanos, end);
        moved.signalAll();
        return;
      }
      pending.add(end);
      moved.signalAll();
      try {
        while (nanos < end) {
          moved.await();
        }
      } finally {
        if (nanos < end) {
          pending.remove(end); // interrupted: no longer waiting for it
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits (in real time, up to {@code timeout}) until at least {@code count} threads sleep on this
   * time: a manual test's way to know that a fake is mid-wait.
   *
   * @return false when the timeout passed first
   */
  public boolean awaitSleepers(int count, Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      long left = timeout.toNanos();
      while (pending.size() < count) {
        if (left <= 0) {
          return false;
        }
        left = moved.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "VirtualTime[" + now() + (automatic ? ", automatic]" : ", manual]");
  }

  /** The clock view; every view reads the same time. */
  private final class View extends Clock {
    private final ZoneId zone;

    View(ZoneId zone) {
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId value) {
      return new View(value);
    }

    @Override
    public Instant instant() {
      return now();
    }
  }
}
