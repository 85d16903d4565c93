package dev.socra.server.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.TokenSink;
import dev.socra.llm.ToolCallDelta;
import dev.socra.llm.config.SecretStream;
import dev.socra.server.KeyScrubber;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A streamed answer as OpenAI's server-sent events, scrubbed of provider keys (a key split between
 * two tokens included), written to the response as the router delivers tokens, one flush per token.
 * The stream opens (status 200) only at the first token, so a call that fails before any text still
 * gets a plain error status; after it, a failure is an explicit {@code data: {"error":...}} event
 * and the stream ends without {@code [DONE]}: a cut answer never looks complete.
 *
 * <p>Content chunks name the route the client asked for: which target is writing is only known when
 * the call ends (a failure before the first token moves the call on unseen, a cut stream may be
 * continued by another target). The finish and usage chunks name the target that served it.
 *
 * <p>Tokens arrive on the router's reading thread, the end on the request thread; the lock keeps
 * their writes apart, and nothing is written after the end.
 */
final class SseAnswer implements TokenSink {
  private final HttpServletResponse response;
  private final String id;
  private final long created;
  private final String route;
  private final boolean includeUsage;
  private final ReentrantLock lock = new ReentrantLock();
  private final KeyScrubber scrubber;
  private final SecretStream scrub;
  private ServletOutputStream out;
  private JsonGenerator g;
  private boolean ended;

  /** The tool call being written, and its arguments' scrubber; null before the first call. */
  private int call;

  private SecretStream arguments;
  private volatile boolean clientGone;

  SseAnswer(
      HttpServletResponse response,
      String id,
      long created,
      String route,
      boolean includeUsage,
      KeyScrubber scrubber) {
    this.scrubber = scrubber;
    this.scrub = scrubber.stream();
    this.response = response;
    this.id = id;
    this.created = created;
    this.route = route;
    this.includeUsage = includeUsage;
  }

  @Override
  public void onToken(String text) {
    lock.lock();
    try {
      if (ended) {
        throw new IllegalStateException("the answer has already ended");
      }
      // A key split between two tokens is held back until it can be recognised.
      String safe = scrub.push(text);
      if (safe.isEmpty()) {
        return;
      }
      openIfNew();
      event();
      OpenAiWire.delta(g, id, created, route, null, safe);
      endEvent();
      flush();
    } catch (IOException e) {
      clientGone = true;
      throw new UncheckedIOException(e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * A piece of a tool call, written as OpenAI streams one; its arguments scrubbed as text is. A
   * call's pieces are complete only when the finish chunk says {@code tool_calls}.
   */
  @Override
  public void onToolCall(ToolCallDelta delta) {
    lock.lock();
    try {
      if (ended) {
        throw new IllegalStateException("the answer has already ended");
      }
      openIfNew();
      if (delta.opens()) {
        rest();
        call = delta.index();
        arguments = scrubber.stream();
        event();
        OpenAiWire.toolCallDelta(
            g,
            id,
            created,
            route,
            call,
            scrubber.text(delta.id()),
            scrubber.text(delta.name()),
            arguments.push(delta.arguments()));
        endEvent();
      } else {
        String safe = arguments == null ? "" : arguments.push(delta.arguments());
        if (safe.isEmpty()) {
          return;
        }
        event();
        OpenAiWire.toolCallDelta(g, id, created, route, delta.index(), null, null, safe);
        endEvent();
      }
      flush();
    } catch (IOException e) {
      clientGone = true;
      throw new UncheckedIOException(e);
    } finally {
      lock.unlock();
    }
  }

  /** The complete answer: finish chunk, usage chunk if asked for, {@code [DONE]}. */
  void finish(ChatResponse r) throws IOException {
    lock.lock();
    try {
      finishLocked(r);
    } catch (IOException e) {
      clientGone = true;
      throw e;
    } finally {
      lock.unlock();
    }
  }

  private void finishLocked(ChatResponse r) throws IOException {
    ended = true;
    openIfNew();
    rest();
    String model = r.servedBy().toString();
    event();
    OpenAiWire.finish(g, id, created, model, r.finishReason());
    endEvent();
    if (includeUsage) {
      event();
      OpenAiWire.usageChunk(g, id, created, model, r.usage());
      endEvent();
    }
    g.writeRaw("data: [DONE]\n\n");
    flush();
    g.close(); // returns its buffer to the pool; the response stream stays Tomcat's to close
  }

  /**
   * Ends a started stream with an error event and returns true; returns false when nothing was sent
   * yet, and the caller answers with a plain error status instead.
   */
  boolean fail(GatewayException e) throws IOException {
    lock.lock();
    try {
      ended = true;
      if (g == null) {
        return false;
      }
      rest();
      event();
      OpenAiWire.error(g, e, scrubber.text(e.getMessage()));
      endEvent();
      flush();
      g.close();
      return true;
    } catch (IOException gone) {
      clientGone = true;
      throw gone;
    } finally {
      lock.unlock();
    }
  }

  /** What the scrubbers held back for a key that never came: it is part of the answer. */
  private void rest() throws IOException {
    String rest = scrub.finish();
    if (!rest.isEmpty()) {
      event();
      OpenAiWire.delta(g, id, created, route, null, rest);
      endEvent();
    }
    if (arguments != null) {
      String args = arguments.finish();
      arguments = null;
      if (!args.isEmpty()) {
        event();
        OpenAiWire.toolCallDelta(g, id, created, route, call, null, null, args);
        endEvent();
      }
    }
  }

  /** Writing to the client failed: it went away, and there is no one to answer. */
  boolean clientGone() {
    return clientGone;
  }

  /** Status, headers, and the role chunk OpenAI's streams start with. */
  private void openIfNew() throws IOException {
    if (g != null) {
      return;
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("text/event-stream;charset=UTF-8");
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("X-Accel-Buffering", "no");
    out = response.getOutputStream();
    g = OpenAiWire.generator(out);
    event();
    OpenAiWire.delta(g, id, created, route, "assistant", "");
    endEvent();
  }

  private void event() throws IOException {
    g.writeRaw("data: ");
  }

  private void endEvent() throws IOException {
    g.writeRaw("\n\n");
  }

  private void flush() throws IOException {
    g.flush();
    out.flush();
  }
}
