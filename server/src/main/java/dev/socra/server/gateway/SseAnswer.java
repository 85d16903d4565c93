package dev.socra.server.gateway;

import dev.socra.llm.ChatResponse;
import dev.socra.llm.ToolCallDelta;
import dev.socra.llm.config.SecretStream;
import dev.socra.server.KeyScrubber;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A streamed answer as OpenAI's server-sent events, scrubbed of provider keys (a key split between
 * two tokens included), written to the response as the router delivers tokens, one flush per token.
 * Opened, flushed and guarded as {@link GatewayStream} says; a failure after the first token is an
 * explicit {@code data: {"error":...}} event and the stream ends without {@code [DONE]}: a cut
 * answer never looks complete.
 *
 * <p>Content chunks name the route the client asked for: which target is writing is only known when
 * the call ends (a failure before the first token moves the call on unseen, a cut stream may be
 * continued by another target). The finish and usage chunks name the target that served it.
 */
final class SseAnswer extends GatewayStream {
  private final String id;
  private final long created;
  private final String route;
  private final boolean includeUsage;
  private final SecretStream scrub;

  /** The tool call being written, and its arguments' scrubber; null before the first call. */
  private int call;

  private SecretStream arguments;

  SseAnswer(
      HttpServletResponse response,
      String id,
      long created,
      String route,
      boolean includeUsage,
      KeyScrubber scrubber) {
    super(response, scrubber);
    this.scrub = scrubber.stream();
    this.id = id;
    this.created = created;
    this.route = route;
    this.includeUsage = includeUsage;
  }

  @Override
  protected void token(String text) throws IOException {
    // A key split between two tokens is held back until it can be recognised.
    String safe = scrub.push(text);
    if (safe.isEmpty()) {
      return;
    }
    open();
    event();
    OpenAiWire.delta(g(), id, created, route, null, safe);
    endEvent();
    flush();
  }

  /**
   * A piece of a tool call, written as OpenAI streams one. A call's pieces are complete only when
   * the finish chunk says {@code tool_calls}.
   */
  @Override
  protected void toolCall(ToolCallDelta delta) throws IOException {
    open();
    if (delta.opens()) {
      rest();
      call = delta.index();
      arguments = scrubber.stream();
      event();
      OpenAiWire.toolCallDelta(
          g(),
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
      OpenAiWire.toolCallDelta(g(), id, created, route, delta.index(), null, null, safe);
      endEvent();
    }
    flush();
  }

  /** The complete answer: finish chunk, usage chunk if asked for, {@code [DONE]}. */
  @Override
  protected void end(ChatResponse r) throws IOException {
    rest();
    String model = r.servedBy().toString();
    event();
    OpenAiWire.finish(g(), id, created, model, r.finishReason());
    endEvent();
    if (includeUsage) {
      event();
      OpenAiWire.usageChunk(g(), id, created, model, r.usage());
      endEvent();
    }
    g().writeRaw("data: [DONE]\n\n");
  }

  /** What was held back, then the error event. */
  @Override
  protected void failed(GatewayException e, String message) throws IOException {
    rest();
    event();
    OpenAiWire.error(g(), e, message);
    endEvent();
  }

  /** What the scrubbers held back for a key that never came: it is part of the answer. */
  private void rest() throws IOException {
    String rest = scrub.finish();
    if (!rest.isEmpty()) {
      event();
      OpenAiWire.delta(g(), id, created, route, null, rest);
      endEvent();
    }
    if (arguments != null) {
      String args = arguments.finish();
      arguments = null;
      if (!args.isEmpty()) {
        event();
        OpenAiWire.toolCallDelta(g(), id, created, route, call, null, null, args);
        endEvent();
      }
    }
  }

  /** The role chunk OpenAI's streams start with. */
  @Override
  protected void opening() throws IOException {
    event();
    OpenAiWire.delta(g(), id, created, route, "assistant", "");
    endEvent();
  }

  private void event() throws IOException {
    g().writeRaw("data: ");
  }
}
