package dev.socra.llm.testkit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The date and duration spellings that real providers put in headers and error messages. */
final class Times {

  /** IMF-fixdate (RFC 9110 5.6.7); RFC_1123_DATE_TIME would drop the day's leading zero. */
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private Times() {}

  static String httpDate(Instant instant) {
    return HTTP_DATE.format(instant);
  }

  /** RFC 3339 in whole seconds, rounded up so a client waiting until then is never early. */
  static String rfc3339(Instant instant) {
    Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
    if (seconds.isBefore(instant)) {
      seconds = seconds.plusSeconds(1);
    }
    return DateTimeFormatter.ISO_INSTANT.format(seconds);
  }

  /**
   * A Go {@code time.Duration} string as OpenAI and Groq send in {@code x-ratelimit-reset-*} and in
   * "Please try again in ..." messages: {@code 20ms}, {@code 7.66s}, {@code 6m0s}, {@code
   * 1h2m3.5s}.
   */
  static String goDuration(long millis) {
    if (millis <= 0) {
      return "0s";
    }
    if (millis < 1000) {
      return millis + "ms";
    }
    long hours = millis / 3_600_000;
    long minutes = millis / 60_000 % 60;
    long secondMillis = millis % 60_000;
    StringBuilder s = new StringBuilder();
    if (hours > 0) {
      s.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      s.append(minutes).append('m');
    }
    s.append(secondMillis / 1000);
    long fraction = secondMillis % 1000;
    if (fraction > 0) {
      String digits = String.format(Locale.ROOT, "%03d", fraction).replaceAll("0+$", "");
      s.append('.').append(digits);
    }
    return s.append('s').toString();
  }

  /** Whole seconds for a {@code retry-after} header, rounded up and at least 1. */
  static long ceilSeconds(long millis) {
    return Math.max(1, (millis + 999) / 1000);
  }
}
