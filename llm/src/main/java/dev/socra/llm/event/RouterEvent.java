package dev.socra.llm.event;

import dev.socra.llm.Attempt;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.LlmCallException;
import dev.socra.llm.route.TargetId;
import dev.socra.llm.route.TargetState;
import java.util.Map;

/**
 * The facts the router publishes; logs, metrics, the ledger and tests all listen to the same. The
 * events of a call carry its request's {@link ChatRequest#tags() tags}: for whom and for what it
 * was made.
 */
public sealed interface RouterEvent {
  /** One attempt ended (or a target was skipped). */
  record AttemptFinished(long callId, String route, Attempt attempt, Map<String, String> tags)
      implements RouterEvent {
    public AttemptFinished {
      tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
  }

  /** A call produced a complete answer. */
  record CallSucceeded(long callId, String route, ChatResponse response, Map<String, String> tags)
      implements RouterEvent {
    public CallSucceeded {
      tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
  }

  /** A call ended without one. */
  record CallFailed(long callId, String route, LlmCallException error, Map<String, String> tags)
      implements RouterEvent {
    public CallFailed {
      tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
  }

  /**
   * A target changed state: circuit opened, half-open, closed; disabled; cooling down; accepted
   * again after a re-check.
   *
   * @param reason the router's words, with the provider's where it gave some (scrubbed of keys)
   */
  record TargetStateChanged(TargetId target, TargetState state, String reason)
      implements RouterEvent {}
}
