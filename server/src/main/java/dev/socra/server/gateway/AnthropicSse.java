package dev.socra.server.gateway;

import dev.socra.llm.ChatResponse;
import dev.socra.llm.ToolCallDelta;
import dev.socra.llm.config.SecretStream;
import dev.socra.server.KeyScrubber;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A streamed answer as Anthropic's server-sent events: {@code message_start}, then a content block
 * for the text and one for each tool call ({@code content_block_start}, deltas, {@code
 * content_block_stop}), then {@code message_delta} with the stop reason and usage, and {@code
 * message_stop}. Scrubbed of provider keys like {@link SseAnswer}, and like it opened, flushed and
 * guarded as {@link GatewayStream} says. A failure after the first piece is an in-band {@code
 * error} event and no {@code message_stop}: Anthropic's SDKs raise it, and a cut answer or a
 * half-built tool call never looks complete.
 */
final class AnthropicSse extends GatewayStream {
  private final String id;
  private final String route;
  private final int inputEstimate;
  private final SecretStream text;

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
    super(response, scrubber);
    this.id = id;
    this.route = route;
    this.inputEstimate = inputEstimate;
    this.text = scrubber.stream();
  }

  @Override
  protected void token(String piece) throws IOException {
    String safe = text.push(piece);
    if (safe.isEmpty()) {
      return;
    }
    open();
    writeText(safe);
    flush();
  }

  @Override
  protected void toolCall(ToolCallDelta delta) throws IOException {
    open();
    if (delta.opens()) {
      rest();
      closeBlock();
      block++;
      toolBlock = true;
      blockOpen = true;
      arguments = scrubber.stream();
      event("content_block_start");
      AnthropicWire.toolStart(g(), block, scrubber.text(delta.id()), scrubber.text(delta.name()));
      endEvent();
    }
    String safe = arguments == null ? "" : arguments.push(delta.arguments());
    if (!safe.isEmpty()) {
      event("content_block_delta");
      AnthropicWire.delta(g(), block, true, safe);
      endEvent();
    }
    flush();
  }

  /** The complete answer: the last block closed, {@code message_delta}, {@code message_stop}. */
  @Override
  protected void end(ChatResponse r) throws IOException {
    rest();
    if (block < 0) {
      writeText(""); // an empty answer is one empty text block, as Anthropic's are
    }
    closeBlock();
    event("message_delta");
    AnthropicWire.messageDelta(g(), r);
    endEvent();
    event("message_stop");
    AnthropicWire.messageStop(g());
    endEvent();
  }

  /** The {@code error} event alone: what the scrubbers held back goes with the cut answer. */
  @Override
  protected void failed(GatewayException e, String message) throws IOException {
    event("error");
    AnthropicWire.error(g(), e, message);
    endEvent();
  }

  private void writeText(String piece) throws IOException {
    if (!blockOpen || toolBlock) {
      closeBlock();
      block++;
      toolBlock = false;
      blockOpen = true;
      event("content_block_start");
      AnthropicWire.textStart(g(), block);
      endEvent();
    }
    if (!piece.isEmpty()) {
      event("content_block_delta");
      AnthropicWire.delta(g(), block, false, piece);
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
        AnthropicWire.delta(g(), block, true, args);
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
      AnthropicWire.blockStop(g(), block);
      endEvent();
      blockOpen = false;
    }
  }

  @Override
  protected void opening() throws IOException {
    event("message_start");
    AnthropicWire.messageStart(g(), id, route, inputEstimate);
    endEvent();
  }

  private void event(String name) throws IOException {
    g().writeRaw("event: " + name + "\ndata: ");
  }
}
