package dev.socra.bench.streams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What the founders of one concurrency level saw. Latencies count only for tokens received inside
 * the measured window (after the ramp, before the stop), so ramp-up and the final heap probe's
 * collection stay out of them; counts of streams cover the whole level.
 */
final class Meter {
  private static final long HOUR_MICROS = 3_600_000_000L;

  /** From each token's append to its question's event log to its founder having parsed it. */
  final Histogram relayMicros = new ConcurrentHistogram(HOUR_MICROS, 3);

  final Histogram firstTokenMicros = new ConcurrentHistogram(HOUR_MICROS, 3);
  final LongAdder sessions = new LongAdder();
  final LongAdder streamsStarted = new LongAdder();
  final LongAdder streamsCompleted = new LongAdder();
  final LongAdder streamsFailed = new LongAdder();
  final LongAdder tokensReceived = new LongAdder();
  final LongAdder tokensInWindow = new LongAdder();
  final LongAdder tokensMissing = new LongAdder();

  /**
   * Written before the founder asked for the stream (turn 1's first tokens): replayed, not timed.
   */
  final LongAdder tokensReplayed = new LongAdder();

  final LongAdder stubLatenessNanos = new LongAdder();
  final LongAdder stubAnswers = new LongAdder();
  final AtomicInteger open = new AtomicInteger();
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

  private volatile long windowStart = Long.MAX_VALUE;
  private volatile long windowEnd = Long.MAX_VALUE;

  void openWindow(long now) {
    windowStart = now;
  }

  void closeWindow(long now) {
    windowEnd = now;
  }

  boolean inWindow(long t) {
    return t >= windowStart && t < windowEnd;
  }

  void failed(String why) {
    streamsFailed.increment();
    failures.computeIfAbsent(why, k -> new LongAdder()).increment();
  }

  Map<String, LongAdder> failures() {
    return failures;
  }
}
