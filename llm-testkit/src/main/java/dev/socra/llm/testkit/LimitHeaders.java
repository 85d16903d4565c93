package dev.socra.llm.testkit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rate-limit headers as each provider sends them, on successes as well as on 429s, so a router can
 * pace itself before it is refused. Only limits that are set are reported.
 */
final class LimitHeaders {

  private LimitHeaders() {}

  /** OpenAI/Groq: counts plus Go-style durations until the window is empty again. */
  static Map<String, String> openAi(Admission a) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (a.limits().rpm() > 0) {
      headers.put("x-ratelimit-limit-requests", Integer.toString(a.limits().rpm()));
      headers.put("x-ratelimit-remaining-requests", Integer.toString(a.remainingRequests()));
      headers.put("x-ratelimit-reset-requests", Times.goDuration(a.resetRequestsMillis()));
    }
    if (a.limits().tpm() > 0) {
      headers.put("x-ratelimit-limit-tokens", Integer.toString(a.limits().tpm()));
      headers.put("x-ratelimit-remaining-tokens", Integer.toString(a.remainingTokens()));
      headers.put("x-ratelimit-reset-tokens", Times.goDuration(a.resetTokensMillis()));
    }
    return headers;
  }

  /**
   * Anthropic: RFC 3339 reset times. The fake has one token limit, so the input- and output-token
   * families report the same numbers as the combined one.
   */
  static Map<String, String> anthropic(Admission a) {
    Map<String, String> headers = new LinkedHashMap<>();
    Instant now = Instant.now();
    if (a.limits().rpm() > 0) {
      put(
          headers,
          "requests",
          a.limits().rpm(),
          a.remainingRequests(),
          now.plusMillis(a.resetRequestsMillis()));
    }
    if (a.limits().tpm() > 0) {
      Instant reset = now.plusMillis(a.resetTokensMillis());
      for (String family : new String[] {"tokens", "input-tokens", "output-tokens"}) {
        put(headers, family, a.limits().tpm(), a.remainingTokens(), reset);
      }
    }
    return headers;
  }

  private static void put(
      Map<String, String> headers, String family, int limit, int remaining, Instant reset) {
    String prefix = "anthropic-ratelimit-" + family + "-";
    headers.put(prefix + "limit", Integer.toString(limit));
    headers.put(prefix + "remaining", Integer.toString(remaining));
    headers.put(prefix + "reset", Times.rfc3339(reset));
  }
}
