package dev.socra.bench.capacity;

import java.math.BigDecimal;

/**
 * How one call of a pipeline ended, as the user of the pipeline saw it.
 *
 * @param ok the call produced its answer; false is a failure the user sees
 * @param servedBy which fake answered ({@code groq}, {@code gemini}, {@code anthropic}), or null
 * @param cost US dollars of list price for what was answered; failures cost nothing
 * @param error why it failed, or null
 */
record CallOutcome(String stage, boolean ok, String servedBy, BigDecimal cost, String error) {

  static CallOutcome answered(String stage, String servedBy, BigDecimal cost) {
    return new CallOutcome(stage, true, servedBy, cost, null);
  }

  static CallOutcome failed(String stage, String error) {
    return new CallOutcome(stage, false, null, BigDecimal.ZERO, error);
  }
}
