package dev.socra.llm.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

  private static HttpHeaders headers(String name, String value) {
    return HttpHeaders.of(Map.of(name, List.of(value)), (a, b) -> true);
  }

  @Test
  void readsSecondsAndFractionalSeconds() {
    assertThat(RetryAfter.fromHeaders(headers("retry-after", "2"), CLOCK))
        .contains(Duration.ofSeconds(2));
    assertThat(RetryAfter.fromHeaders(headers("retry-after", "1.5"), CLOCK))
        .contains(Duration.ofMillis(1500));
  }

  @Test
  void readsAnHttpDate() {
    assertThat(
            RetryAfter.fromHeaders(headers("retry-after", "Wed, 25 Nov 2026 10:00:07 GMT"), CLOCK))
        .contains(Duration.ofSeconds(7));
  }

  @Test
  void aDateInThePastMeansNoWait() {
    assertThat(
            RetryAfter.fromHeaders(headers("retry-after", "Wed, 25 Nov 2026 09:00:00 GMT"), CLOCK))
        .contains(Duration.ZERO);
  }

  @Test
  void readsMilliseconds() {
    assertThat(RetryAfter.fromHeaders(headers("retry-after-ms", "250"), CLOCK))
        .contains(Duration.ofMillis(250));
  }

  @Test
  void readsGroqsMessage() {
    var body =
        ErrorClassifier.parse(
            "{\"error\":{\"message\":\"Rate limit reached for model `llama-3.1-8b-instant` on"
                + " tokens per minute (TPM): Limit 6000, Used 5800, Requested 1900. Please try"
                + " again in 7.66s. Need more tokens?\",\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}");
    assertThat(RetryAfter.fromBody(body)).contains(Duration.ofMillis(7660));
    assertThat(RetryAfter.fromText("Please try again in 1m23.5s."))
        .contains(Duration.ofMillis(83_500));
    assertThat(RetryAfter.fromText("Please try again in 450ms.")).contains(Duration.ofMillis(450));
  }

  @Test
  void readsGeminisRetryInfoFromAnArrayRootedBody() {
    var body =
        ErrorClassifier.parse(
            "[{\"error\":{\"code\":429,\"message\":\"You exceeded your current quota\","
                + "\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":"
                + "\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"34s\"}]}}]");
    assertThat(RetryAfter.fromBody(body)).contains(Duration.ofSeconds(34));
  }

  @Test
  void headersWinOverTheBody() {
    var body = ErrorClassifier.parse("{\"error\":{\"message\":\"try again in 9s\"}}");
    assertThat(RetryAfter.from(headers("retry-after", "3"), body, CLOCK))
        .contains(Duration.ofSeconds(3));
  }

  @Test
  void ignoresGarbage() {
    assertThat(RetryAfter.fromHeaders(headers("retry-after", "soon"), CLOCK)).isEmpty();
    assertThat(RetryAfter.fromHeaders(headers("retry-after", "-4"), CLOCK)).isEmpty();
    assertThat(RetryAfter.fromText("try again later")).isEmpty();
  }

  @Test
  void parsesGoDurations() {
    assertThat(Durations.parseGo("6m0s")).contains(Duration.ofMinutes(6));
    assertThat(Durations.parseGo("20ms")).contains(Duration.ofMillis(20));
    assertThat(Durations.parseGo("1h2m3s")).contains(Duration.ofSeconds(3723));
    assertThat(Durations.parseGo("7.66")).isEmpty();
  }
}
