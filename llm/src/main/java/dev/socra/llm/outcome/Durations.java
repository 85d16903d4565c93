package dev.socra.llm.outcome;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the duration spellings providers use: Go-style {@code 1m23.5s}, {@code 450ms}, {@code
 * 34s}.
 */
public final class Durations {
  private static final Pattern GO_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|h|m|s)");
  private static final Pattern GO_WHOLE =
      Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|h|m|s))+");

  private Durations() {}

  /** A Go duration string such as {@code 6m0s}, {@code 7.66s} or {@code 20ms}. */
  public static Optional<Duration> parseGo(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.strip();
    if (!GO_WHOLE.matcher(s).matches()) {
      return Optional.empty();
    }
    Matcher m = GO_PART.matcher(s);
    double nanos = 0;
    while (m.find()) {
      double value = Double.parseDouble(m.group(1));
      nanos +=
          switch (m.group(2)) {
            case "h" -> value * 3_600e9;
            case "m" -> value * 60e9;
            case "s" -> value * 1e9;
            case "ms" -> value * 1e6;
            case "us", "µs" -> value * 1e3;
            default -> value;
          };
    }
    return Optional.of(Duration.ofNanos(Math.round(nanos)));
  }

  /** Decimal seconds such as {@code 2} or {@code 1.5}. */
  public static Optional<Duration> parseSeconds(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      double seconds = Double.parseDouble(text.strip());
      if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
        return Optional.empty();
      }
      return Optional.of(Duration.ofNanos(Math.round(seconds * 1e9)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * A duration as the configuration writes it: {@code 250ms}, {@code 7.5s}, {@code 10m}, {@code
   * 1h30m}.
   */
  public static String format(Duration d) {
    long millis = d.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    StringBuilder s = new StringBuilder();
    long hours = millis / 3_600_000;
    long minutes = millis / 60_000 % 60;
    long secondMillis = millis % 60_000;
    if (hours > 0) {
      s.append(hours).append('h');
    }
    if (minutes > 0) {
      s.append(minutes).append('m');
    }
    if (secondMillis > 0) {
      s.append(java.math.BigDecimal.valueOf(secondMillis, 3).stripTrailingZeros().toPlainString())
          .append('s');
    }
    return s.toString();
  }
}
