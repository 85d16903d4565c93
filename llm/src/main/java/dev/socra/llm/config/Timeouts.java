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
}
