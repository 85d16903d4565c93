package dev.socra.llm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake's limits, on a virtual clock: every figure it reports is exact. */
class RateLimitTest {

  static final String GO_DURATION = "(\\d+h)?(\\d+m)?\\d+(\\.\\d+)?m?s";

  final VirtualTime time = VirtualTime.automatic();
  final FakeProvider fake = FakeProvider.builder().time(time).start();
  final Wire wire = new Wire(fake);

  @AfterEach
  void stop() {
    fake.close();
  }

  HttpResponse<String> openAi(int maxTokens) throws Exception {
    return wire.openAi(
        Wire.openAiBody("llama-3.1-8b-instant", false, "hi").put("max_tokens", maxTokens));
  }

  HttpResponse<String> groq(int maxTokens) throws Exception {
    return wire.send(
        wire.groqRequest(
            Wire.openAiBody("llama-3.1-8b-instant", false, "hi").put("max_tokens", maxTokens)));
  }

  @Test
  void requestsPerMinuteRunOutWithOpenAisHeadersAndGroqsMessage() throws Exception {
    fake.setLimits(new RateLimits(0, 3));

    for (int remaining = 2; remaining >= 0; remaining--) {
      HttpResponse<String> ok = openAi(10);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headers().firstValue("x-ratelimit-limit-requests")).hasValue("3");
      assertThat(ok.headers().firstValue("x-ratelimit-remaining-requests"))
          .hasValue(Integer.toString(remaining));
      assertThat(ok.headers().firstValue("x-ratelimit-limit-tokens")).isEmpty();
    }
    HttpResponse<String> limited = openAi(10);

    assertThat(limited.statusCode()).isEqualTo(429);
    long retryAfter = Long.parseLong(limited.headers().firstValue("retry-after").orElseThrow());
    assertThat(retryAfter).isEqualTo(20L); // one of 3 requests a minute refills in 20 s
    assertThat(limited.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
    assertThat(limited.headers().firstValue("x-ratelimit-reset-requests").orElseThrow())
        .matches(GO_DURATION);
    JsonNode error = Wire.json(limited).path("error");
    assertThat(error.path("type").asText()).isEqualTo("requests");
    assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
    assertThat(error.path("message").asText())
        .startsWith(
            "Rate limit reached for model `llama-3.1-8b-instant` in organization `org_fake`")
        .contains(
            "on requests per minute (RPM): Limit 3, Used 3, Requested 1. Please try again in");
    assertThat(fake.attempts().getLast().fault()).isEqualTo("rate-limited");
    assertThat(fake.attempts().getLast().status()).isEqualTo(429);
  }

  @Test
  void tokensPerMinuteCountInputPlusMaxTokens() throws Exception {
    fake.setLimits(new RateLimits(100, 0));

    HttpResponse<String> first = openAi(40); // 2 input + 40
    HttpResponse<String> second = openAi(40);
    HttpResponse<String> third = openAi(40);

    assertThat(first.headers().firstValue("x-ratelimit-remaining-tokens")).hasValue("58");
    assertThat(second.headers().firstValue("x-ratelimit-remaining-tokens")).hasValue("16");
    assertThat(third.statusCode()).isEqualTo(429);
    JsonNode error = Wire.json(third).path("error");
    assertThat(error.path("type").asText()).isEqualTo("tokens");
    assertThat(error.path("message").asText())
        .contains("tokens per minute (TPM): Limit 100, Used 84, Requested 42. Please try again in");
    assertThat(third.headers().firstValue("x-ratelimit-reset-tokens").orElseThrow())
        .matches(GO_DURATION);
  }

  @Test
  void aRequestLargerThanTheLimitIs413() throws Exception {
    fake.setLimits(new RateLimits(100, 0));

    HttpResponse<String> response = openAi(500);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Wire.json(response).path("error").path("message").asText())
        .startsWith("Request too large for model");
  }

  @Test
  void anthropicLimitHeadersAndRateLimitError() throws Exception {
    fake.setLimits(new RateLimits(1000, 1));

    HttpResponse<String> ok = wire.anthropic(Wire.anthropicBody("claude", false, "hi"));
    HttpResponse<String> limited = wire.anthropic(Wire.anthropicBody("claude", false, "hi"));

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue("anthropic-ratelimit-requests-limit")).hasValue("1");
    assertThat(ok.headers().firstValue("anthropic-ratelimit-requests-remaining")).hasValue("0");
    Instant reset =
        Instant.parse(ok.headers().firstValue("anthropic-ratelimit-requests-reset").orElseThrow());
    assertThat(reset).isEqualTo(time.now().plusSeconds(60)); // the one request back in a minute
    for (String family : new String[] {"tokens", "input-tokens", "output-tokens"}) {
      assertThat(ok.headers().firstValue("anthropic-ratelimit-" + family + "-limit"))
          .hasValue("1000");
      // 1000 - (2 input + 100 max_tokens); the input and output figures rounded to the thousand
      assertThat(ok.headers().firstValue("anthropic-ratelimit-" + family + "-remaining"))
          .hasValue(family.equals("tokens") ? "898" : "1000");
      assertThat(ok.headers().firstValue("anthropic-ratelimit-" + family + "-reset")).isPresent();
    }
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("retry-after")).isPresent();
    assertThat(Wire.json(limited).path("error").path("type").asText())
        .isEqualTo("rate_limit_error");
  }

  @Test
  void limitsCanBeSetOverTheControlEndpoint() throws Exception {
    wire.post("/_control/limits", "{\"tpm\":0,\"rpm\":1}");

    assertThat(openAi(5).statusCode()).isEqualTo(200);
    assertThat(openAi(5).statusCode()).isEqualTo(429);
  }

  @Test
  void groqsPathReportsRequestsPerDayAndTokensPerMinuteAsGroqDoes() throws Exception {
    fake.setLimits(new RateLimits(6_000, 30, 14_400));

    HttpResponse<String> viaGroq = groq(10);
    HttpResponse<String> viaOpenAi = openAi(10);

    assertThat(viaGroq.statusCode()).isEqualTo(200);
    assertThat(viaGroq.headers().firstValue("x-ratelimit-limit-requests")).hasValue("14400");
    assertThat(viaGroq.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("14399");
    assertThat(viaGroq.headers().firstValue("x-ratelimit-reset-requests")).hasValue("6s");
    assertThat(viaGroq.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("6000");
    // the same limits, spelled as OpenAI does: requests per minute
    assertThat(viaOpenAi.headers().firstValue("x-ratelimit-limit-requests")).hasValue("30");
    assertThat(viaOpenAi.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("28");
  }

  @Test
  void aDailyRequestLimitRunsOutWithGroqsMessageAndWaitsForTheDay() throws Exception {
    fake.setLimits(new RateLimits(0, 0, 2));

    assertThat(groq(10).statusCode()).isEqualTo(200);
    assertThat(groq(10).statusCode()).isEqualTo(200);
    HttpResponse<String> limited = groq(10);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("retry-after")).hasValue("43200"); // half a day
    assertThat(limited.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
    assertThat(Wire.json(limited).path("error").path("message").asText())
        .contains("on requests per day (RPD): Limit 2, Used 2, Requested 1. Please try again in");
    time.advance(Duration.ofHours(12));
    assertThat(groq(10).statusCode()).isEqualTo(200);
  }

  @Test
  void theBucketsRefillOnTheFakesClock() throws Exception {
    fake.setLimits(new RateLimits(0, 1));

    assertThat(openAi(5).statusCode()).isEqualTo(200);
    HttpResponse<String> limited = openAi(5);
    time.advance(Duration.ofSeconds(59));
    HttpResponse<String> early = openAi(5);
    time.advance(Duration.ofSeconds(1));

    assertThat(limited.headers().firstValue("retry-after")).hasValue("60");
    assertThat(early.statusCode()).isEqualTo(429);
    assertThat(openAi(5).statusCode()).isEqualTo(200);
  }

  @Test
  void noLimitHeadersWithoutLimits() throws Exception {
    HttpResponse<String> ok = openAi(5);

    assertThat(ok.headers().map().keySet()).noneMatch(h -> h.startsWith("x-ratelimit"));
  }
}
