package dev.socra.llm.config;

import java.time.Duration;

/**
 * Per-target circuit breaker settings, handed to Resilience4j.
 *
 * @param failureRatePercent failure rate over the window that opens the circuit
 * @param window the number of recent calls the rate is computed over
 * @param minimumCalls calls needed before the rate counts
 * @param openFor how long an open circuit skips the target before one probe call
 */
public record CircuitSettings(
    int failureRatePercent, int window, int minimumCalls, Duration openFor) {
  public static final CircuitSettings DEFAULTS =
      new CircuitSettings(50, 10, 4, Duration.ofSeconds(30));
}
