package dev.socra.llm.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

  private static HttpHeaders headers(String... pairs) {
    Map<String, List<String>> m = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], List.of(pairs[i + 1]));
    }
    return HttpHeaders.of(m, (a, b) -> true);
  }

  @Test
  void groqCountsRequestsPerDayAndTokensPerMinute() {
    var seen =
        RateLimitHeaders.parse(
            headers(
                "x-ratelimit-limit-requests", "14400",
                "x-ratelimit-remaining-requests", "14370",
                "x-ratelimit-reset-requests", "2m59.56s",
                "x-ratelimit-limit-tokens", "6000",
                "x-ratelimit-remaining-tokens", "5997",
                "x-ratelimit-reset-tokens", "7.66s"),
            HeaderDialect.GROQ,
            CLOCK);
    assertThat(seen)
        .containsExactly(
            new LimitObservation(
                Dimension.REQUESTS_PER_DAY,
                14400,
                14370,
                Instant.parse("2026-11-25T10:02:59.560Z")),
            new LimitObservation(
                Dimension.TOKENS_PER_MINUTE,
                6000,
                5997,
                Instant.parse("2026-11-25T10:00:07.660Z")));
  }

  @Test
  void openAiCountsBothPerMinute() {
    var seen =
        RateLimitHeaders.parse(
            headers(
                "x-ratelimit-limit-requests", "500",
                "x-ratelimit-remaining-requests", "499",
                "x-ratelimit-reset-requests", "120ms",
                "x-ratelimit-limit-tokens", "200000",
                "x-ratelimit-remaining-tokens", "199000",
                "x-ratelimit-reset-tokens", "6m0s"),
            HeaderDialect.OPENAI,
            CLOCK);
    assertThat(seen)
        .extracting(LimitObservation::dimension)
        .containsExactly(Dimension.REQUESTS_PER_MINUTE, Dimension.TOKENS_PER_MINUTE);
    assertThat(seen.get(1).resetAt()).isEqualTo(Instant.parse("2026-11-25T10:06:00Z"));
  }

  @Test
  void anthropicGivesRfc3339ResetsAndSeparateInputAndOutputTokens() {
    var seen =
        RateLimitHeaders.parse(
            headers(
                "anthropic-ratelimit-requests-limit", "50",
                "anthropic-ratelimit-requests-remaining", "49",
                "anthropic-ratelimit-requests-reset", "2026-11-25T10:00:01Z",
                "anthropic-ratelimit-input-tokens-limit", "50000",
                "anthropic-ratelimit-input-tokens-remaining", "48000",
                "anthropic-ratelimit-input-tokens-reset", "2026-11-25T10:00:03+00:00",
                "anthropic-ratelimit-output-tokens-limit", "10000",
                "anthropic-ratelimit-output-tokens-remaining", "9000",
                "anthropic-ratelimit-output-tokens-reset", "2026-11-25T10:00:06Z"),
            HeaderDialect.ANTHROPIC,
            CLOCK);
    assertThat(seen)
        .containsExactly(
            new LimitObservation(
                Dimension.REQUESTS_PER_MINUTE, 50, 49, Instant.parse("2026-11-25T10:00:01Z")),
            new LimitObservation(
                Dimension.INPUT_TOKENS_PER_MINUTE,
                50000,
                48000,
                Instant.parse("2026-11-25T10:00:03Z"),
                1000),
            new LimitObservation(
                Dimension.OUTPUT_TOKENS_PER_MINUTE,
                10000,
                9000,
                Instant.parse("2026-11-25T10:00:06Z"),
                1000));
  }

  @Test
  void malformedValuesAreIgnored() {
    var seen =
        RateLimitHeaders.parse(
            headers(
                "x-ratelimit-limit-tokens", "lots",
                "x-ratelimit-remaining-tokens", "-5",
                "x-ratelimit-reset-tokens", "soon",
                "x-ratelimit-limit-requests", "30",
                "x-ratelimit-reset-requests", "2s"),
            HeaderDialect.OPENAI,
            CLOCK);
    assertThat(seen)
        .containsExactly(
            new LimitObservation(
                Dimension.REQUESTS_PER_MINUTE, 30, -1, Instant.parse("2026-11-25T10:00:02Z")));
  }

  @Test
  void noHeadersNoObservations() {
    assertThat(RateLimitHeaders.parse(headers(), HeaderDialect.ANTHROPIC, CLOCK)).isEmpty();
  }
}
