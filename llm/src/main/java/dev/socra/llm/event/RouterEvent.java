package dev.socra.llm.event;

import dev.socra.llm.Attempt;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.LlmCallException;
import dev.socra.llm.route.TargetId;

/** The facts the router publishes; logs, metrics, the ledger and tests all listen to the same. */
public sealed interface RouterEvent {
  /** One attempt ended (or a target was skipped). */
  record AttemptFinished(long callId, String route, Attempt attempt) implements RouterEvent {}

  /** A call produced a complete answer. */
  record CallSucceeded(long callId, String route, ChatResponse response) implements RouterEvent {}

  /** A call ended without one. */
  record CallFailed(long callId, String route, LlmCallException error) implements RouterEvent {}

  /**
   * A target changed state: circuit opened, half-open, closed; disabled; cooling down.
   *
   * @param state the new state, e.g. {@code OPEN}, {@code CLOSED}, {@code DISABLED}
   */
  record TargetStateChanged(TargetId target, String state, String reason) implements RouterEvent {}
}
