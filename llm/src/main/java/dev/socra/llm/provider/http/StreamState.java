package dev.socra.llm.provider.http;

import dev.socra.llm.outcome.Outcome;

/** What a stream decoder has learned so far from the events of one attempt. */
public final class StreamState {
  public Integer inputTokens;
  public Integer outputTokens;
  public String finishReason;

  /** The protocol's own end marker arrived ({@code [DONE]}, {@code message_stop}). */
  public boolean done;

  /** An error the provider sent inside the stream. */
  public Outcome error;

  /**
   * What the model said instead of answering: OpenAI streams a refusal as {@code delta.refusal}
   * text with no content (openai-python {@code types/chat/chat_completion_chunk.py}, {@code
   * ChoiceDelta.refusal}), then an ordinary {@code stop}.
   */
  public final StringBuilder refusal = new StringBuilder();

  /** The answer's tool calls so far, and their pieces not yet delivered. */
  public final ToolCallAssembly toolCalls = new ToolCallAssembly();
}
