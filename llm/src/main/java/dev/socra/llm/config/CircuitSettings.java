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

  /** Starts from {@link #DEFAULTS}. */
  public static Builder builder() {
    return DEFAULTS.toBuilder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Checked at {@link #build()} against what Resilience4j accepts, so a bad value is named here
   * rather than failing when the router creates its first circuit.
   */
  public static final class Builder {
    private int failureRatePercent;
    private int window;
    private int minimumCalls;
    private Duration openFor;

    private Builder(CircuitSettings from) {
      failureRatePercent = from.failureRatePercent;
      window = from.window;
      minimumCalls = from.minimumCalls;
      openFor = from.openFor;
    }

    public Builder failureRatePercent(int value) {
      failureRatePercent = value;
      return this;
    }

    public Builder window(int value) {
      window = value;
      return this;
    }

    public Builder minimumCalls(int value) {
      minimumCalls = value;
      return this;
    }

    public Builder openFor(Duration value) {
      openFor = value;
      return this;
    }

    public CircuitSettings build() {
      Settings.positive(failureRatePercent, "circuit.failure_rate_percent");
      if (failureRatePercent > 100) {
        throw new ConfigException(
            "circuit.failure_rate_percent must be at most 100, was " + failureRatePercent);
      }
      if (Settings.required(openFor, "circuit.open_for").compareTo(Duration.ofMillis(1)) < 0) {
        throw new ConfigException(
            "circuit.open_for must be at least 1ms, was " + Settings.text(openFor));
      }
      return new CircuitSettings(
          failureRatePercent,
          Settings.positive(window, "circuit.window"),
          Settings.positive(minimumCalls, "circuit.minimum_calls"),
          openFor);
    }
  }
}
