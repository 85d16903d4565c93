package dev.socra.llm.config.yaml;

import dev.socra.llm.config.CircuitSettings;
import java.time.Duration;

/** {@code circuit:}; what is not written keeps its default. */
public record CircuitSection(
    Integer failureRatePercent, Integer window, Integer minimumCalls, Duration openFor) {

  public CircuitSettings toCircuitSettings() {
    CircuitSettings.Builder b = CircuitSettings.builder();
    if (failureRatePercent != null) {
      b.failureRatePercent(failureRatePercent);
    }
    if (window != null) {
      b.window(window);
    }
    if (minimumCalls != null) {
      b.minimumCalls(minimumCalls);
    }
    if (openFor != null) {
      b.openFor(openFor);
    }
    return b.build();
  }
}
