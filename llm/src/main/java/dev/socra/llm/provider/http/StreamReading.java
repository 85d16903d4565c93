package dev.socra.llm.provider.http;

import dev.socra.llm.TokenSink;
import dev.socra.llm.ToolCallDelta;
import dev.socra.llm.outcome.Outcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * One stream, read and decoded on its own virtual thread, which delivers each token as it arrives;
 * the caller's thread only watches the clock (first token, stall, deadline). A blocking read cannot
 * time out by itself, and handing every line across threads costs a wake-up per line, so the work
 * stays on one thread and only the verdict crosses. Once the caller gives up on the stream, the
 * reader delivers nothing more.
 */
final class StreamReading {
  private final InputStream body;
  private final StreamDecoder decoder;
  private final UnaryOperator<SseEvent> redact;
  private final TokenSink sink;
  private final Clock clock;
  private final Instant sent;
  private Instant firstTokenAt;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  final StreamState state = new StreamState();
  final StringBuilder text = new StringBuilder();
  private long lastEventNanos;
  private long firstTokenNanos = -1;
  private boolean finished;
  private boolean abandoned;
  private boolean finishSeen;

  /** The host always sends its end marker: after the finish reason, wait for it (stall limit). */
  private final boolean endMarker;

  /** How long a stream that gave its finish reason may take to send its end marker. */
  private static final long FINISH_GRACE_NANOS = Duration.ofMillis(250).toNanos();

  /** Why the stream ended badly, as the reader saw it; null for a clean end. */
  private Outcome failure;

  private RuntimeException sinkFailure;

  StreamReading(
      InputStream body,
      StreamDecoder decoder,
      UnaryOperator<SseEvent> redact,
      TokenSink sink,
      long start,
      Clock clock,
      Instant sent,
      boolean endMarker) {
    this.endMarker = endMarker;
    this.body = body;
    this.decoder = decoder;
    this.redact = redact;
    this.sink = sink;
    this.lastEventNanos = start;
    this.clock = clock;
    this.sent = sent;
  }

  void startReading() {
    Thread.ofVirtual().name("socra-stream-reader").start(this::read);
  }

  private void read() {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String event = "";
      StringBuilder data = null;
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isEmpty()) {
          if (data != null && !take(new SseEvent(event, data.toString()))) {
            return;
          }
          event = "";
          data = null;
          continue;
        }
        if (line.startsWith(":")) {
          continue;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
          value = value.substring(1);
        }
        if (field.equals("event")) {
          event = value;
        } else if (field.equals("data")) {
          data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        }
      }
      end(null);
    } catch (IOException e) {
      end(new Outcome.Transient("stream broke: " + e.getClass().getSimpleName() + describe(e)));
    }
  }

  /** Decodes and delivers one event; false when reading should stop. */
  private boolean take(SseEvent raw) {
    SseEvent event = redact.apply(raw);
    lock.lock();
    try {
      if (abandoned) {
        return false;
      }
      String token;
      try {
        token = decoder.accept(event, state);
      } catch (StreamDecoder.MalformedEventException e) {
        failure = new Outcome.Transient("malformed stream event: " + e.getMessage());
        return finish();
      } catch (RuntimeException e) {
        // a decoder that cannot cope with an event: as good as a malformed one
        failure =
            new Outcome.Transient(
                "the stream decoder failed: " + e.getClass().getSimpleName() + describe(e));
        return finish();
      }
      lastEventNanos = System.nanoTime();
      List<ToolCallDelta> calls = state.toolCalls.drain();
      if ((token != null && !token.isEmpty()) || !calls.isEmpty()) {
        if (firstTokenNanos < 0) {
          firstTokenNanos = lastEventNanos;
          firstTokenAt = clock.instant();
          // the watcher sleeps until the first-token limit: from now on the stall limit applies
          changed.signalAll();
        }
        try {
          if (token != null && !token.isEmpty()) {
            text.append(token);
            sink.onToken(token);
          }
          for (ToolCallDelta d : calls) {
            sink.onToolCall(d);
          }
        } catch (RuntimeException e) {
          sinkFailure = e;
          return finish();
        }
      }
      if (state.error != null) {
        failure = state.error;
        return finish();
      }
      if (state.done) {
        return finish();
      }
      if (state.finishReason != null && !finishSeen) {
        // the answer is complete: the watcher need only wait a moment for the end marker
        finishSeen = true;
        changed.signalAll();
      }
      // Otherwise no signal: the watcher wakes only when the stream ends or its current limit
      // passes, and
      // then measures the limit again from the last event. A signal per event would cost a wake-up
      // per token.
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void end(Outcome outcome) {
    lock.lock();
    try {
      if (!finished && !abandoned) {
        failure = outcome;
        finish();
      }
    } finally {
      lock.unlock();
    }
  }

  private boolean finish() {
    finished = true;
    changed.signalAll();
    return false;
  }

  /** What the caller learns when it stops waiting. */
  record Verdict(boolean finished, Outcome failure, Duration timeToFirstToken) {}

  /**
   * Waits until the stream ends or a limit passes: no first token by {@code firstTokenBy}, no event
   * for {@code stall}, or {@code deadline} (all in {@link System#nanoTime()} terms). On a limit the
   * stream is abandoned: the reader delivers nothing more and the body is closed.
   *
   * @return finished = false when a limit passed (and which one the caller tells by the clock)
   */
  Verdict await(long firstTokenBy, Duration stall, long deadline) throws InterruptedException {
    lock.lock();
    try {
      while (!finished) {
        // After the finish reason a usage chunk and the end marker may still come: a host known to
        // send its end marker is waited for as any event is; an unknown one only a moment.
        long limit =
            finishSeen && !endMarker
                ? lastEventNanos + Math.min(stall.toNanos(), FINISH_GRACE_NANOS)
                : firstTokenNanos < 0 ? firstTokenBy : lastEventNanos + stall.toNanos();
        limit = Math.min(limit, deadline);
        long left = limit - System.nanoTime();
        if (left <= 0) {
          abandoned = true;
          break;
        }
        try {
          changed.awaitNanos(left);
        } catch (InterruptedException e) {
          abandoned = true; // the caller stopped waiting: the reader must deliver nothing more
          throw e;
        }
      }
      if (sinkFailure != null) {
        throw sinkFailure;
      }
      return new Verdict(finished, failure, ttft());
    } finally {
      lock.unlock();
      if (abandoned) {
        close();
      }
    }
  }

  boolean hasFirstToken() {
    lock.lock();
    try {
      return firstTokenNanos >= 0;
    } finally {
      lock.unlock();
    }
  }

  /** Time to first token, on the router's clock (the limits above run on the socket's time). */
  private Duration ttft() {
    if (firstTokenAt == null) {
      return null;
    }
    Duration d = Duration.between(sent, firstTokenAt);
    return d.isNegative() ? Duration.ZERO : d;
  }

  private void close() {
    try {
      body.close();
    } catch (IOException ignored) {
      // abandoning the stream; nothing to recover
    }
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
  }
}
