package dev.socra.llm.provider;

import dev.socra.llm.ToolCall;
import dev.socra.llm.Usage;
import dev.socra.llm.budget.LimitObservation;
import dev.socra.llm.outcome.Outcome;
import java.time.Duration;
import java.util.List;

/**
 * What one attempt produced.
 *
 * @param text everything the target said in this attempt, also when it failed part-way
 * @param usage as the provider reported it; null when it reported none
 * @param timeToFirstToken null when no content arrived
 * @param limits what the provider's headers said about its rate limits
 * @param toolCalls the tool calls of a successful answer, complete; empty otherwise
 */
public record AttemptResult(
    Outcome outcome,
    int httpStatus,
    String text,
    Usage usage,
    Duration timeToFirstToken,
    String finishReason,
    List<LimitObservation> limits,
    List<ToolCall> toolCalls) {

  public AttemptResult {
    limits = List.copyOf(limits);
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  public AttemptResult(
      Outcome outcome,
      int httpStatus,
      String text,
      Usage usage,
      Duration timeToFirstToken,
      String finishReason,
      List<LimitObservation> limits) {
    this(outcome, httpStatus, text, usage, timeToFirstToken, finishReason, limits, List.of());
  }

  public AttemptResult(
      Outcome outcome,
      int httpStatus,
      String text,
      Usage usage,
      Duration timeToFirstToken,
      String finishReason) {
    this(outcome, httpStatus, text, usage, timeToFirstToken, finishReason, List.of(), List.of());
  }

  public AttemptResult withLimits(List<LimitObservation> value) {
    return new AttemptResult(
        outcome, httpStatus, text, usage, timeToFirstToken, finishReason, value, toolCalls);
  }

  /** A successful answer that asks for these tools. */
  public AttemptResult withToolCalls(List<ToolCall> value) {
    return new AttemptResult(
        outcome, httpStatus, text, usage, timeToFirstToken, finishReason, limits, value);
  }

  public static AttemptResult failed(Outcome outcome, int status) {
    return new AttemptResult(outcome, status, "", null, null, null);
  }

  public static AttemptResult failed(
      Outcome outcome, int status, String partialText, Usage usage, Duration ttft) {
    return new AttemptResult(outcome, status, partialText, usage, ttft, null);
  }
}
