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
 * A streamed answer as Anthropic's server-sent events: {@code message_start}, then a content block
 * for the text and one for each tool call ({@code content_block_start}, deltas, {@code
 * content_block_stop}), then {@code message_delta} with the stop reason and usage, and {@code
 * message_stop}. Scrubbed of provider keys like {@link SseAnswer}, and like it opened (status 200)
 * only at the first piece, so a call that fails before any gets a plain error status. A failure
 * after it is an in-band {@code error} event and no {@code message_stop}: Anthropic's SDKs raise
 * it, and a cut answer or a half-built tool call never looks complete.
 *
 * <p>Pieces arrive on the router's reading thread, the end on the request thread; the lock keeps
 * their writes apart, and nothing is written after the end.
 */
final class AnthropicSse implements TokenSink {
  private final HttpServletResponse response;
  private final String id;
  private final String route;
  private final int inputEstimate;
  private final KeyScrubber scrubber;
  private final SecretStream text;
  private final ReentrantLock lock = new ReentrantLock();
  private ServletOutputStream out;
  private JsonGenerator g;
  private boolean ended;
  private volatile boolean clientGone;

  /** The last content block started, -1 for none; whether it is open, and a tool call's. */
  private int block = -1;

  private boolean blockOpen;
  private boolean toolBlock;
  private SecretStream arguments;

  AnthropicSse(
      HttpServletResponse response,
      String id,
      String route,
      int inputEstimate,
      KeyScrubber scrubber) {
    this.response = response;
    this.id = id;
    this.route = route;
    this.inputEstimate = inputEstimate;
    this.scrubber = scrubber;
    this.text = scrubber.stream();
  }

  @Override
  public void onToken(String piece) {
    lock.lock();
    try {
      if (ended) {
        throw new IllegalStateException("the answer has already ended");
      }
      String safe = text.push(piece);
      if (safe.isEmpty()) {
        return;
      }
      openIfNew();
      writeText(safe);
      flush();
    } catch (IOException e) {
      clientGone = true;
      throw new UncheckedIOException(e);
    } finally {
      lock.unlock();
    }
  }

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
        closeBlock();
        block++;
        toolBlock = true;
        blockOpen = true;
        arguments = scrubber.stream();
        event("content_block_start");
        AnthropicWire.toolStart(g, block, scrubber.text(delta.id()), scrubber.text(delta.name()));
        endEvent();
      }
      String safe = arguments == null ? "" : arguments.push(delta.arguments());
      if (!safe.isEmpty()) {
        event("content_block_delta");
        AnthropicWire.delta(g, block, true, safe);
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

  /** The complete answer: the last block closed, {@code message_delta}, {@code message_stop}. */
  void finish(ChatResponse r) throws IOException {
    lock.lock();
    try {
      ended = true;
      openIfNew();
      rest();
      if (block < 0) {
        writeText(""); // an empty answer is one empty text block, as Anthropic's are
      }
      closeBlock();
      event("message_delta");
      AnthropicWire.messageDelta(g, r);
      endEvent();
      event("message_stop");
      AnthropicWire.messageStop(g);
      endEvent();
      flush();
      g.close();
    } catch (IOException e) {
      clientGone = true;
      throw e;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Ends a started stream with an {@code error} event and returns true; false when nothing was sent
   * yet, and the caller answers with a plain error status instead.
   */
  boolean fail(GatewayException e) throws IOException {
    lock.lock();
    try {
      ended = true;
      if (g == null) {
        return false;
      }
      event("error");
      AnthropicWire.error(g, e, scrubber.text(e.getMessage()));
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

  boolean clientGone() {
    return clientGone;
  }

  private void writeText(String piece) throws IOException {
    if (!blockOpen || toolBlock) {
      closeBlock();
      block++;
      toolBlock = false;
      blockOpen = true;
      event("content_block_start");
      AnthropicWire.textStart(g, block);
      endEvent();
    }
    if (!piece.isEmpty()) {
      event("content_block_delta");
      AnthropicWire.delta(g, block, false, piece);
      endEvent();
    }
  }

  /** What the scrubbers held back for a key that never came: it is part of the answer. */
  private void rest() throws IOException {
    if (arguments != null) {
      String args = arguments.finish();
      arguments = null;
      if (!args.isEmpty()) {
        event("content_block_delta");
        AnthropicWire.delta(g, block, true, args);
        endEvent();
      }
    }
    String held = text.finish();
    if (!held.isEmpty()) {
      writeText(held);
    }
  }

  private void closeBlock() throws IOException {
    if (blockOpen) {
      event("content_block_stop");
      AnthropicWire.blockStop(g, block);
      endEvent();
      blockOpen = false;
    }
  }

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
    event("message_start");
    AnthropicWire.messageStart(g, id, route, inputEstimate);
    endEvent();
  }

  private void event(String name) throws IOException {
    g.writeRaw("event: " + name + "\ndata: ");
  }

  private void endEvent() throws IOException {
    g.writeRaw("\n\n");
  }

  private void flush() throws IOException {
    g.flush();
    out.flush();
  }
}
