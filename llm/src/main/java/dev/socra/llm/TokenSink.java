package dev.socra.llm;

/**
 * Receives a streamed answer as it arrives: one piece at a time, in order, but not necessarily on
 * the caller's thread (the stream is read on its own). A sink that throws stops the call, and the
 * exception reaches the caller.
 *
 * <p>Text comes to {@link #onToken}; the pieces of tool calls, when the request offered tools, to
 * {@link #onToolCall}, which a text-only caller need not implement (the complete calls are in the
 * {@link ChatResponse} all the same). A tool call is complete only when the call returns: a stream
 * cut after a piece of one ends with {@link LlmCallException.Failure#STREAM_INTERRUPTED}, never
 * with a response.
 */
@FunctionalInterface
public interface TokenSink {
  void onToken(String text);

  /** A piece of a tool call; ignored unless the sink wants to show calls as they are written. */
  default void onToolCall(ToolCallDelta delta) {}

  TokenSink IGNORE = text -> {};
}
