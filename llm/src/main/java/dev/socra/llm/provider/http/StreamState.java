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
}
