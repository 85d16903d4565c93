package dev.socra.server.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.TokenSink;
import dev.socra.llm.ToolCallDelta;
import dev.socra.server.KeyScrubber;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A streamed answer as server-sent events, whichever wire format writes them. The stream opens
 * (status 200) only at the first piece, so a call that fails before any still gets a plain error
 * status; after it, a failure is an event in the stream. Each piece is flushed as it is written.
 *
 * <p>Pieces arrive on the router's reading thread, the end on the request thread; the lock keeps
 * their writes apart, and nothing is written after the end. A write that fails means the client
 * went away.
 */
abstract sealed class GatewayStream implements TokenSink permits SseAnswer, AnthropicSse {
  protected final KeyScrubber scrubber;
  private final HttpServletResponse response;
  private final ReentrantLock lock = new ReentrantLock();
  private ServletOutputStream out;
  private JsonGenerator g;
  private boolean ended;
  private volatile boolean clientGone;

  GatewayStream(HttpServletResponse response, KeyScrubber scrubber) {
    this.response = response;
    this.scrubber = scrubber;
  }

  /** A piece of text, written once it is free of any key it might hold. */
  protected abstract void token(String text) throws IOException;

  /** A piece of a tool call, its arguments scrubbed as text is. */
  protected abstract void toolCall(ToolCallDelta delta) throws IOException;

  /** The first event, written as the stream opens. */
  protected abstract void opening() throws IOException;

  /** The last events of a complete answer. */
  protected abstract void end(ChatResponse r) throws IOException;

  /** The events that end a started stream with an error, its message already scrubbed. */
  protected abstract void failed(GatewayException e, String message) throws IOException;

  @Override
  public final void onToken(String text) {
    piece(() -> token(text));
  }

  @Override
  public final void onToolCall(ToolCallDelta delta) {
    piece(() -> toolCall(delta));
  }

  /** The complete answer, ending the stream (opening it first if nothing was sent yet). */
  final void finish(ChatResponse r) throws IOException {
    lock.lock();
    try {
      ended = true;
      open();
      end(r);
      flush();
      g.close(); // returns its buffer to the pool; the response stream stays Tomcat's to close
    } catch (IOException e) {
      clientGone = true;
      throw e;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Ends a started stream with an error and returns true; returns false when nothing was sent yet,
   * and the caller answers with a plain error status instead.
   */
  final boolean fail(GatewayException e) throws IOException {
    lock.lock();
    try {
      ended = true;
      if (g == null) {
        return false;
      }
      failed(e, scrubber.text(e.getMessage()));
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

  /** Writing to the client failed: it went away, and there is no one to answer. */
  final boolean clientGone() {
    return clientGone;
  }

  /** Status, headers and the opening event, unless the stream is open already. */
  protected final void open() throws IOException {
    if (g != null) {
      return;
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("text/event-stream;charset=UTF-8");
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("X-Accel-Buffering", "no");
    out = response.getOutputStream();
    g = OpenAiWire.generator(out);
    opening();
  }

  /** Where events are written; open only after {@link #open}. */
  protected final JsonGenerator g() {
    return g;
  }

  protected final void endEvent() throws IOException {
    g.writeRaw("\n\n");
  }

  protected final void flush() throws IOException {
    g.flush();
    out.flush();
  }

  private interface Piece {
    void write() throws IOException;
  }

  private void piece(Piece p) {
    lock.lock();
    try {
      if (ended) {
        throw new IllegalStateException("the answer has already ended");
      }
      p.write();
    } catch (IOException e) {
      clientGone = true;
      throw new UncheckedIOException(e);
    } finally {
      lock.unlock();
    }
  }
}
