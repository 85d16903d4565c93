package dev.socra.llm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class StatusErrorTest extends FakeServerTest {

  HttpResponse<String> openAi(String model) throws Exception {
    return wire.openAi(Wire.openAiBody(model, false, "hi"));
  }

  HttpResponse<String> anthropic(String model) throws Exception {
    return wire.anthropic(Wire.anthropicBody(model, false, "hi"));
  }

  @Test
  void statusGetsTheProvidersErrorBodyInEachFormat() throws Exception {
    HttpResponse<String> openAi = openAi("gpt-4o+status=503");
    HttpResponse<String> anthropic = anthropic("claude+status=529");

    assertThat(openAi.statusCode()).isEqualTo(503);
    JsonNode error = Wire.json(openAi).path("error");
    assertThat(error.path("type").asText()).isEqualTo("server_error");
    assertThat(error.path("message").asText()).isNotBlank();
    assertThat(error.has("code")).isTrue();
    assertThat(anthropic.statusCode()).isEqualTo(529);
    JsonNode body = Wire.json(anthropic);
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("error").path("type").asText()).isEqualTo("overloaded_error");
    assertThat(body.path("error").path("message").asText()).isEqualTo("Overloaded");
  }

  @Test
  void anthropicErrorTypesFollowTheStatus() throws Exception {
    assertThat(Wire.json(anthropic("c+status=429")).path("error").path("type").asText())
        .isEqualTo("rate_limit_error");
    assertThat(Wire.json(anthropic("c+status=500")).path("error").path("type").asText())
        .isEqualTo("api_error");
    assertThat(Wire.json(anthropic("c+status=403")).path("error").path("type").asText())
        .isEqualTo("permission_error");
    assertThat(Wire.json(anthropic("c+status=404")).path("error").path("type").asText())
        .isEqualTo("not_found_error");
  }

  @Test
  void echoKeyQuotesTheWholeKeyInA401() throws Exception {
    HttpResponse<String> openAi = openAi("gpt-4o+echo-key");
    HttpResponse<String> anthropic = anthropic("claude+echo-key");

    assertThat(openAi.statusCode()).isEqualTo(401);
    JsonNode error = Wire.json(openAi).path("error");
    assertThat(error.path("message").asText())
        .startsWith("Incorrect API key provided: test-key-openai-secret.");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
    assertThat(anthropic.statusCode()).isEqualTo(401);
    JsonNode body = Wire.json(anthropic);
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("error").path("type").asText()).isEqualTo("authentication_error");
    assertThat(body.path("error").path("message").asText()).contains("test-key-anthropic-secret");
    assertThat(fake.attempts())
        .allSatisfy(a -> assertThat(a.fault()).isEqualTo("echo-key"))
        .allSatisfy(a -> assertThat(a.authPresent()).isTrue());
    assertThat(wire.get("/_control/attempts").body()).doesNotContain("secret");
  }

  @Test
  void echoKeyWithInbandErrorQuotesTheKeyInsideTheStream() throws Exception {
    HttpResponse<String> openAi =
        wire.openAi(Wire.openAiBody("m+echo-key+inband-error=server_error", true, "x"));
    HttpResponse<String> anthropic =
        wire.anthropic(
            Wire.anthropicBody("c+echo-key+inband-error=api_error+inband-after=1", true, "x"));

    assertThat(openAi.statusCode()).isEqualTo(200);
    JsonNode openAiError = Wire.events(openAi.body()).getLast().json().path("error");
    assertThat(openAiError.path("type").asText()).isEqualTo("server_error");
    assertThat(openAiError.path("message").asText()).contains("test-key-openai-secret");
    assertThat(anthropic.statusCode()).isEqualTo(200);
    Wire.Event last = Wire.events(anthropic.body()).getLast();
    assertThat(last.name()).isEqualTo("error");
    assertThat(last.json().path("error").path("message").asText())
        .contains("test-key-anthropic-secret");
    assertThat(wire.get("/_control/attempts").body()).doesNotContain("secret");
  }

  @Test
  void retryAfterSeconds() throws Exception {
    HttpResponse<String> response = openAi("m+status=429+retry-after=7");

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("retry-after")).hasValue("7");
    assertThat(Wire.json(response).path("error").path("code").asText())
        .isEqualTo("rate_limit_exceeded");
  }

  @Test
  void retryAfterHttpDateIsCountedFromTheFakesClock() throws Exception {
    VirtualTime time = VirtualTime.automatic(Instant.parse("2026-03-02T09:00:00.250Z"));
    HttpResponse<String> response;
    try (FakeProvider timed = FakeProvider.builder().time(time).start()) {
      response =
          new Wire(timed)
              .anthropic(Wire.anthropicBody("c+status=429+retry-after-date=30", false, "hi"));
    }

    String header = response.headers().firstValue("retry-after").orElseThrow();
    Instant at = ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    // whole seconds, never before the promised wait
    assertThat(at).isEqualTo(Instant.parse("2026-03-02T09:00:31Z"));
    assertThat(response.headers().firstValue("date")).hasValue("Mon, 02 Mar 2026 09:00:00 GMT");
    assertThat(header)
        .matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
  }

  @Test
  void retryAfterMillis() throws Exception {
    HttpResponse<String> response = openAi("m+status=429+retry-after-ms=1500");

    assertThat(response.headers().firstValue("retry-after-ms")).hasValue("1500");
    assertThat(response.headers().firstValue("retry-after")).isEmpty();
  }

  @Test
  void groqWaitIsInTheMessage() throws Exception {
    HttpResponse<String> response = openAi("llama-3.1-8b-instant+status=429+groq-wait=7.66s");

    JsonNode error = Wire.json(response).path("error");
    assertThat(error.path("message").asText())
        .startsWith("Rate limit reached for model `llama-3.1-8b-instant` in organization")
        .contains("Please try again in 7.66s.");
    assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
    assertThat(error.path("type").asText()).isEqualTo("tokens");
  }

  @Test
  void geminiRetryGivesAnArrayRootedBody() throws Exception {
    HttpResponse<String> response = openAi("gemini-2.5-flash+status=429+gemini-retry=34s");

    assertThat(response.statusCode()).isEqualTo(429);
    JsonNode body = Wire.json(response);
    assertThat(body.isArray()).isTrue();
    JsonNode error = body.get(0).path("error");
    assertThat(error.path("code").asInt()).isEqualTo(429);
    assertThat(error.path("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
    JsonNode retryInfo = null;
    for (JsonNode detail : error.path("details")) {
      if (detail.path("@type").asText().equals("type.googleapis.com/google.rpc.RetryInfo")) {
        retryInfo = detail;
      }
    }
    assertThat(retryInfo).isNotNull();
    assertThat(retryInfo.path("retryDelay").asText()).isEqualTo("34s");
  }

  @Test
  void codeSetsTheErrorAndImpliesTheStatus() throws Exception {
    HttpResponse<String> openAi = openAi("m+code=context_length_exceeded");
    HttpResponse<String> anthropic = anthropic("c+code=context_length_exceeded");
    HttpResponse<String> quota = openAi("m+code=insufficient_quota");

    assertThat(openAi.statusCode()).isEqualTo(400);
    assertThat(Wire.json(openAi).path("error").path("code").asText())
        .isEqualTo("context_length_exceeded");
    assertThat(anthropic.statusCode()).isEqualTo(400);
    assertThat(Wire.json(anthropic).path("error").path("message").asText())
        .isEqualTo("prompt is too long: 250000 tokens > 200000 maximum");
    assertThat(quota.statusCode()).isEqualTo(429);
    assertThat(Wire.json(quota).path("error").path("type").asText())
        .isEqualTo("insufficient_quota");
  }

  @Test
  void timesLimitsTheFaultToTheFirstRequests() throws Exception {
    String model = "m+status=503+times=2+tokens=3";

    assertThat(openAi(model).statusCode()).isEqualTo(503);
    assertThat(openAi(model).statusCode()).isEqualTo(503);
    HttpResponse<String> third = openAi(model);
    assertThat(third.statusCode()).isEqualTo(200);
    assertThat(Wire.json(third).path("usage").path("completion_tokens").asInt()).isEqualTo(3);
  }

  @Test
  void streamsOnlyLeavesWholeAnswersAloneAndCountsOnlyStreams() throws Exception {
    String model = "m+status=503+times=1+streams-only";

    assertThat(openAi(model).statusCode()).as("whole answer, untouched").isEqualTo(200);
    assertThat(wire.openAi(Wire.openAiBody(model, true, "hi")).statusCode())
        .as("the first stream gets the fault")
        .isEqualTo(503);
    assertThat(wire.openAi(Wire.openAiBody(model, true, "hi")).statusCode())
        .as("times=1 is spent by the stream")
        .isEqualTo(200);
  }

  @Test
  void setBehaviourOverridesTheNameAndRestartsTimes() throws Exception {
    fake.setBehaviour("gpt-4o", "status=500+times=1");

    assertThat(openAi("gpt-4o").statusCode()).isEqualTo(500);
    assertThat(openAi("gpt-4o").statusCode()).isEqualTo(200);
    fake.setBehaviour("gpt-4o", "status=500+times=1");
    assertThat(openAi("gpt-4o").statusCode()).isEqualTo(500);
    fake.setBehaviour("gpt-4o", null);
    assertThat(openAi("gpt-4o").statusCode()).isEqualTo(200);
  }

  @Test
  void behaviourCanBeSetOverTheControlEndpoint() throws Exception {
    HttpResponse<String> set =
        wire.post(
            "/_control/behaviour", "{\"model\":\"claude\",\"directives\":\"status=503+times=1\"}");

    assertThat(set.statusCode()).isEqualTo(200);
    assertThat(anthropic("claude").statusCode()).isEqualTo(503);
    assertThat(anthropic("claude").statusCode()).isEqualTo(200);
    wire.post("/_control/behaviour", "{\"model\":\"claude\",\"directives\":\"status=502\"}");
    wire.post("/_control/reset", "");
    assertThat(anthropic("claude").statusCode()).isEqualTo(200);
  }

  @Test
  void errorIn200CarriesTheStatusInTheBody() throws Exception {
    HttpResponse<String> response = openAi("m+error-in-200=502");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Wire.json(response).path("error").path("code").asInt()).isEqualTo(502);
  }

  @Test
  void notJsonSendsAnHtmlPage() throws Exception {
    HttpResponse<String> response = openAi("m+not-json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("text/html");
    assertThat(response.body()).startsWith("<html>");
  }
}
