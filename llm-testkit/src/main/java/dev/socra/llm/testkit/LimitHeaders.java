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

  /** OpenAI: requests and tokens per minute, with Go-style durations until the bucket is full. */
  static Map<String, String> openAi(Admission a) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (a.limits().rpm() > 0) {
      requests(headers, a.limits().rpm(), a.remainingRequests(), a.resetRequestsMillis());
    }
    tokens(headers, a);
    return headers;
  }

  /**
   * Groq: {@code x-ratelimit-*-requests} count requests per day, the token headers tokens per
   * minute (console.groq.com/docs/rate-limits). Its per-minute request limit is enforced but not
   * reported.
   */
  static Map<String, String> groq(Admission a) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (a.limits().rpd() > 0) {
      requests(headers, a.limits().rpd(), a.remainingRequestsToday(), a.resetRequestsTodayMillis());
    }
    tokens(headers, a);
    return headers;
  }

  private static void requests(
      Map<String, String> headers, int limit, int remaining, long resetMillis) {
    headers.put("x-ratelimit-limit-requests", Integer.toString(limit));
    headers.put("x-ratelimit-remaining-requests", Integer.toString(remaining));
    headers.put("x-ratelimit-reset-requests", Times.goDuration(resetMillis));
  }

  private static void tokens(Map<String, String> headers, Admission a) {
    if (a.limits().tpm() > 0) {
      headers.put("x-ratelimit-limit-tokens", Integer.toString(a.limits().tpm()));
      headers.put("x-ratelimit-remaining-tokens", Integer.toString(a.remainingTokens()));
      headers.put("x-ratelimit-reset-tokens", Times.goDuration(a.resetTokensMillis()));
    }
  }

  /**
   * Anthropic: RFC 3339 reset times, and the input and output tokens left rounded to the nearest
   * thousand, as its docs say they are (docs.anthropic.com/en/api/rate-limits#response-headers,
   * read 2026-11-01). The fake has one token limit, so the input- and output-token families report
   * the same numbers as the combined one.
   */
  static Map<String, String> anthropic(Admission a) {
    Map<String, String> headers = new LinkedHashMap<>();
    Instant now = Instant.ofEpochMilli(a.atMillis());
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
      put(headers, "tokens", a.limits().tpm(), a.remainingTokens(), reset);
      int rounded = (int) (Math.round(a.remainingTokens() / 1000.0) * 1000);
      for (String family : new String[] {"input-tokens", "output-tokens"}) {
        put(headers, family, a.limits().tpm(), rounded, reset);
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
