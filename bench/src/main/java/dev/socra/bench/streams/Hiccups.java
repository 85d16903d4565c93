package dev.socra.bench.streams;

import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * How late a thread that asks to sleep 1 ms wakes up, over and over (as jHiccup measures): on a
 * platform thread it shows the pauses of the whole process (GC, the OS running other programs on
 * the shared cores); on a virtual thread it adds the wait for a free carrier, the queue every relay
 * and every stub token also waits in.
 */
final class Hiccups implements AutoCloseable {
  private static final long PERIOD_NANOS = 1_000_000;

  final Histogram platformMicros = new ConcurrentHistogram(3_600_000_000L, 3);
  final Histogram virtualMicros = new ConcurrentHistogram(3_600_000_000L, 3);
  private volatile boolean running = true;
  private final Thread platform;
  private final Thread virtual;

  Hiccups() {
    platform =
        Thread.ofPlatform().daemon().name("hiccups-platform").start(() -> watch(platformMicros));
    virtual = Thread.ofVirtual().name("hiccups-virtual").start(() -> watch(virtualMicros));
  }

  private void watch(Histogram into) {
    while (running) {
      long before = System.nanoTime();
      LockSupport.parkNanos(PERIOD_NANOS);
      long late = System.nanoTime() - before - PERIOD_NANOS;
      into.recordValue(Math.max(0, late) / 1_000);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    platform.join();
    virtual.join();
  }
}
