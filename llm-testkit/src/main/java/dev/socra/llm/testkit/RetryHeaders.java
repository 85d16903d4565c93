package dev.socra.llm.testkit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The retry hints a status directive asks for, in the header forms providers use. */
final class RetryHeaders {

  private RetryHeaders() {}

  /**
   * @param now the fake's time, from which an HTTP date is counted
   */
  static Map<String, String> of(Directives directives, Instant now) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (directives.has("retry-after")) {
      headers.put("retry-after", directives.get("retry-after"));
    }
    if (directives.has("retry-after-date")) {
      long seconds = directives.number("retry-after-date", 0);
      // +999 ms: the date has whole seconds and must not fall before the promised wait
      Instant at = now.plusSeconds(seconds).plusMillis(999);
      headers.put("retry-after", Times.httpDate(at));
    }
    if (directives.has("retry-after-ms")) {
      headers.put("retry-after-ms", directives.get("retry-after-ms"));
    }
    return headers;
  }
}
