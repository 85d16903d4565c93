package dev.socra.bench.streams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When the stub emitted each question's tokens, shared by the stub (the server's side) and the
 * founders (the client's side) of one JVM, so both read the same {@link System#nanoTime()} clock.
 *
 * <p>The stub paces tokens itself and offers no hook per token, but two instants of each streamed
 * answer are exact: its first token leaves as soon as the responder returns, and its last just
 * before the stub's {@code send} returns, which the router reports as the attempt's latency. In
 * between, token {@code k} is placed evenly between the two ({@link Answer#emittedAt}): the stub's
 * sleeps wake late under load, and spreading that over the answer keeps it out of the relay's
 * latency. Because a sleep never ends early, each token also has hard bounds: no earlier than
 * {@code k} delays after the first ({@link Answer#earliest}), no later than one delay per token
 * still to come before the last ({@link Answer#latest}).
 */
final class Emissions {
  /** One streamed answer: {@code tokens} stub tokens, the first {@code questionTokens} timed. */
  static final class Answer {
    final long seq;
    final long calledAt;
    final int tokens;
    final int questionTokens;
    volatile long firstAt;
    volatile long lastAt;

    Answer(long seq, long calledAt, int tokens, int questionTokens) {
      this.seq = seq;
      this.calledAt = calledAt;
      this.tokens = tokens;
      this.questionTokens = questionTokens;
    }

    boolean finished() {
      return lastAt != 0;
    }

    /** When token {@code k} (0-based) left the stub. */
    long emittedAt(int k) {
      if (tokens <= 1) {
        return firstAt;
      }
      return firstAt + Math.round((double) (lastAt - firstAt) * k / (tokens - 1));
    }

    /** The earliest token {@code k} can have left: the stub sleeps at least its delay per token. */
    long earliest(int k, long tokenDelayNanos) {
      return firstAt + tokenDelayNanos * k;
    }

    /** The latest token {@code k} can have left, with the tokens after it still to come. */
    long latest(int k, long tokenDelayNanos) {
      return lastAt - tokenDelayNanos * (tokens - 1 - k);
    }

    /** How late the stub's own pacing ran, per token, against its configured delay. */
    double latenessPerTokenNanos(long tokenDelayNanos) {
      if (tokens <= 1) {
        return 0;
      }
      return ((lastAt - firstAt) - (double) tokenDelayNanos * (tokens - 1)) / (tokens - 1);
    }
  }

  private final AtomicLong seq = new AtomicLong();
  private final Map<Long, Answer> bySeq = new ConcurrentHashMap<>();
  private final Map<String, Answer> streamingBySession = new ConcurrentHashMap<>();

  long nextSeq() {
    return seq.incrementAndGet();
  }

  void started(String session, Answer a) {
    bySeq.put(a.seq, a);
    if (session != null) {
      streamingBySession.put(session, a);
    }
  }

  /** The attempt streaming for {@code session} ended after {@code latencyNanos}. */
  void ended(String session, long latencyNanos) {
    Answer a = session == null ? null : streamingBySession.remove(session);
    if (a != null) {
      // The router's clock started a few microseconds before the responder was called.
      a.lastAt = a.calledAt + latencyNanos;
    }
  }

  /** The answer with this number, forgotten here (each is read once, by its founder). */
  Answer take(long seq) {
    return bySeq.remove(seq);
  }
}
