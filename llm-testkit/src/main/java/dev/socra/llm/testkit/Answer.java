package dev.socra.llm.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sends a planned completion, streamed or whole, applying the faults that disturb an answer already
 * under way: slow start, stall, abrupt close, malformed event, in-band error, no terminator, idling
 * after the finish.
 */
final class Answer {

  /**
   * Pause between the last bytes sent and an abrupt close. Clients such as the JDK's
   * BodyHandlers.ofInputStream drop bytes already received once the connection fails, so without it
   * the N tokens of {@code cut-after=N} would often never reach the reader.
   */
  static final Duration CUT_GRACE = Duration.ofMillis(50);

  private final Exchange exchange;
  private final WireFormat wire;
  private final Completion completion;
  private final Directives d;
  private final Map<String, String> headers;
  private final Duration tokenDelay;
  private final Sleeper sleeper;
  private final String echoedKey;

  /** {@code echoedKey}: the request's API key for an in-band error to leak, else null. */
  Answer(
      Exchange exchange,
      WireFormat wire,
      Completion completion,
      Directives directives,
      Map<String, String> headers,
      Duration tokenDelay,
      Sleeper sleeper,
      String echoedKey) {
    this.exchange = exchange;
    this.wire = wire;
    this.completion = completion;
    this.d = directives;
    this.headers = headers;
    this.tokenDelay = tokenDelay;
    this.sleeper = sleeper;
    this.echoedKey = echoedKey;
  }

  /**
   * Headers first, then (after any slow-first pause) every event. The pause comes before the
   * opening events too, so a router notices it whether it times the first event or first token.
   */
  After stream() throws IOException, InterruptedException {
    SseStream sse = exchange.openStream(headers);
    sleeper.sleep(Duration.ofMillis(Math.max(0, d.number("slow-first", 0))));
    for (SseEvent event : wire.opening(completion)) {
      sse.event(event);
    }
    List<Piece> pieces = completion.pieces();
    for (int i = 0; ; i++) {
      After interrupted = interruptAt(i, pieces.size(), sse);
      if (interrupted != null) {
        return interrupted;
      }
      if (i == pieces.size()) {
        break;
      }
      if (i > 0) {
        sleeper.sleep(tokenDelay);
      }
      for (SseEvent event : wire.piece(completion, pieces.get(i))) {
        sse.event(event);
      }
    }
    boolean idle = d.has("idle-after-finish");
    List<SseEvent> closing = wire.closing(completion, !d.has("no-done") && !idle);
    for (int i = 0; i < closing.size(); i++) {
      if (i == wire.finishEvent() + 1 && d.has("slow-end")) {
        // the finish reason has come; the usage chunk / end marker comes late, as it may
        sleeper.sleep(Duration.ofMillis(Math.max(0, d.number("slow-end", 0))));
      }
      sse.event(closing.get(i));
    }
    if (idle) {
      // the finish reason has come, but neither terminator nor end of the HTTP message ever will
      exchange.holdUntilClientLeaves();
      return After.CLOSE;
    }
    sse.end();
    return After.KEEP_OPEN;
  }

  /** A fault set to strike after N tokens, N past the end striking just before the closing. */
  private After interruptAt(int i, int total, SseStream sse)
      throws IOException, InterruptedException {
    if (strikes("cut-after", i, total)) {
      Thread.sleep(CUT_GRACE);
      exchange.cut();
      return After.CLOSE;
    }
    if (strikes("stall-after", i, total)) {
      exchange.holdUntilClientLeaves();
      return After.CLOSE;
    }
    if (strikes("malformed-after", i, total)) {
      sse.raw(wire.malformedEvent());
      sse.end();
      return After.KEEP_OPEN;
    }
    if (d.has("groq-error") && i == Math.min(d.number("inband-after", 0), total)) {
      sse.event(wire.stoppedEarly(completion, d.get("groq-error")));
      sse.end();
      return After.KEEP_OPEN;
    }
    if (d.has("inband-error") && i == Math.min(d.number("inband-after", 0), total)) {
      sse.event(wire.inbandError(d.get("inband-error"), d, echoedKey));
      sse.end();
      return After.KEEP_OPEN;
    }
    return null;
  }

  private boolean strikes(String key, int i, int total) {
    return d.has(key) && i == Math.min(Math.max(0, d.number(key, 0)), total);
  }

  /**
   * The whole answer after the time a stream would have taken. Stream faults map onto the body: cut
   * and stall send half of it, malformed sends half of it as if it were all.
   */
  After whole() throws IOException, InterruptedException {
    sleeper.sleep(Duration.ofMillis(Math.max(0, d.number("slow-first", 0))));
    sleeper.sleep(tokenDelay.multipliedBy(Math.max(0, completion.outputTokens() - 1)));
    Reply reply = new Reply(200, headers, "application/json", wire.completion(completion));
    int half = reply.body().length / 2;
    if (d.has("cut-after")) {
      exchange.sendTruncated(reply, half);
      Thread.sleep(CUT_GRACE);
      exchange.cut();
      return After.CLOSE;
    }
    if (d.has("stall-after")) {
      exchange.sendTruncated(reply, half);
      exchange.holdUntilClientLeaves();
      return After.CLOSE;
    }
    if (d.has("malformed-after")) {
      byte[] prefix = java.util.Arrays.copyOf(reply.body(), half);
      exchange.send(new Reply(200, headers, "application/json", prefix));
      return After.KEEP_OPEN;
    }
    exchange.send(reply);
    return After.KEEP_OPEN;
  }
}
