package dev.socra.llm.config;

import java.time.Duration;

/**
 * Time limits of a call.
 *
 * @param deadline the whole call, across every attempt and wait
 * @param connect opening a connection
 * @param firstToken a stream's headers and first content token; a target silent this long is
 *     abandoned
 * @param stall the longest gap between two chunks of a stream
 * @param response a non-streamed answer, which arrives only when it is complete
 */
public record Timeouts(
    Duration deadline, Duration connect, Duration firstToken, Duration stall, Duration response) {
  public static final Timeouts DEFAULTS =
      new Timeouts(
          Duration.ofSeconds(180),
          Duration.ofSeconds(5),
          Duration.ofSeconds(20),
          Duration.ofSeconds(20),
          Duration.ofSeconds(90));

  /** Starts from {@link #DEFAULTS}. */
  public static Builder builder() {
    return DEFAULTS.toBuilder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Every limit must be longer than zero; {@link #build()} names the first one that is not. */
  public static final class Builder {
    private Duration deadline;
    private Duration connect;
    private Duration firstToken;
    private Duration stall;
    private Duration response;

    private Builder(Timeouts from) {
      deadline = from.deadline;
      connect = from.connect;
      firstToken = from.firstToken;
      stall = from.stall;
      response = from.response;
    }

    public Builder deadline(Duration value) {
      deadline = value;
      return this;
    }

    public Builder connect(Duration value) {
      connect = value;
      return this;
    }

    public Builder firstToken(Duration value) {
      firstToken = value;
      return this;
    }

    public Builder stall(Duration value) {
      stall = value;
      return this;
    }

    public Builder response(Duration value) {
      response = value;
      return this;
    }

    public Timeouts build() {
      return new Timeouts(
          Settings.longerThanZero(deadline, "timeouts.deadline"),
          Settings.longerThanZero(connect, "timeouts.connect"),
          Settings.longerThanZero(firstToken, "timeouts.first_token"),
          Settings.longerThanZero(stall, "timeouts.stall"),
          Settings.longerThanZero(response, "timeouts.response"));
    }
  }
}
