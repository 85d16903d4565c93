package dev.socra.llm.provider;

import dev.socra.llm.Usage;
import dev.socra.llm.outcome.Outcome;
import java.time.Duration;

/**
 * What one attempt produced.
 *
 * @param text everything the target said in this attempt, also when it failed part-way
 * @param usage as the provider reported it; null when it reported none
 * @param timeToFirstToken null when no content arrived
 */
public record AttemptResult(
    Outcome outcome,
    int httpStatus,
    String text,
    Usage usage,
    Duration timeToFirstToken,
    String finishReason) {

  public static AttemptResult failed(Outcome outcome, int status) {
    return new AttemptResult(outcome, status, "", null, null, null);
  }

  public static AttemptResult failed(
      Outcome outcome, int status, String partialText, Usage usage, Duration ttft) {
    return new AttemptResult(outcome, status, partialText, usage, ttft, null);
  }
}
