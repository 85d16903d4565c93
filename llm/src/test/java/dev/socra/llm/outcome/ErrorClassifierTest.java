package dev.socra.llm.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorClassifierTest {
  private final ErrorClassifier classifier = new ErrorClassifier(Clock.systemUTC());
  private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (a, b) -> true);

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "429|{\"error\":{\"message\":\"slow down\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}|rate-limited",
        "429|{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}|quota",
        "402|{\"error\":{\"message\":\"Payment required\"}}|quota",
        "401|{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}|auth",
        "403|{\"error\":{\"message\":\"forbidden\"}}|auth",
        "400|[{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\",\"status\":\"INVALID_ARGUMENT\"}}]|auth",
        "503|{\"error\":{\"message\":\"Service Unavailable\"}}|overloaded",
        "529|{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}|overloaded",
        "500|{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal\"}}|transient",
        "502|<html>Bad gateway</html>|transient",
        "504||transient",
        "408|{}|transient",
        "400|{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens\",\"code\":\"context_length_exceeded\"}}|context-too-long",
        "400|{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long: 250000 tokens > 200000 maximum\"}}|context-too-long",
        "400|{\"error\":{\"message\":\"flagged by the content filter\",\"code\":\"content_filter\"}}|refused",
        "400|{\"error\":{\"message\":\"temperature must be at most 2\"}}|refused",
        "400|{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Your credit balance is too low to access the Anthropic API.\"}}|quota",
        "413|{\"error\":{\"message\":\"Request too large for model on tokens per minute (TPM): Limit 6000, Requested 9500\",\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}|too-large",
        "413|{\"type\":\"error\",\"error\":{\"type\":\"request_too_large\",\"message\":\"Request exceeds the maximum size\"}}|context-too-long",
        "400|{\"error\":{\"message\":\"Failed to generate JSON\",\"type\":\"invalid_request_error\",\"code\":\"json_validate_failed\"}}|transient",
        "400|{\"error\":{\"message\":\"Failed to call a function. Please adjust your prompt. See failed_generation for more details.\",\"type\":\"invalid_request_error\",\"code\":\"tool_use_failed\",\"failed_generation\":\"<function=get_weather{}\"}}|transient",
        "498|{\"error\":{\"message\":\"capacity exceeded\"}}|overloaded",
        "400|{\"error\":{\"message\":\"Unrecognized request argument supplied: top_k\",\"type\":\"invalid_request_error\",\"param\":\"top_k\"}}|unsupported",
        "400|[{\"error\":{\"code\":400,\"message\":\"Request contains an invalid argument.\",\"status\":\"INVALID_ARGUMENT\"}}]|unsupported",
        "400|[{\"error\":{\"code\":400,\"message\":\"The request was blocked by the safety system.\",\"status\":\"INVALID_ARGUMENT\"}}]|refused",
        "400|{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"top_k: Extra inputs are not permitted\"}}|unsupported",
        "429|[{\"error\":{\"code\":429,\"message\":\"Quota exceeded for metric: x, limit: 0, model: gemini-2.5-pro\",\"status\":\"RESOURCE_EXHAUSTED\"}}]|quota",
        "429|[{\"error\":{\"code\":429,\"message\":\"Quota exceeded\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"violations\":[{\"quotaId\":\"GenerateRequestsPerDayPerProjectPerModel-FreeTier\"}]}]}}]|quota",
        "429|[{\"error\":{\"code\":429,\"message\":\"Quota exceeded\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"violations\":[{\"quotaId\":\"GenerateRequestsPerMinutePerProjectPerModel-FreeTier\"}]}]}}]|rate-limited",
      })
  void classifiesEachStatusAsTheErrorItCarries(int status, String body, String kind) {
    assertThat(classifier.classifyHttp(status, NONE, body == null ? "" : body).kind())
        .isEqualTo(kind);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "This model does not support assistant message prefill. The conversation must end with a user message.|PREFILL",
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.|MAX_TOKENS_FIELD",
        "Invalid schema for response_format 'X': In context=(), 'minLength' is not permitted.|JSON_SCHEMA",
        "This model does not support response format `json_schema`.|JSON_SCHEMA",
        "Unsupported value: 'temperature' does not support 0.2 with this model.|TEMPERATURE",
      })
  void aRequestThisTargetCannotTakeNamesWhatItRefused(String message, String feature) {
    String body =
        "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\"}}";
    assertThat(classifier.classifyHttp(400, NONE, body))
        .isInstanceOfSatisfying(
            Outcome.Unsupported.class,
            u -> assertThat(u.feature()).hasValue(dev.socra.llm.config.Feature.valueOf(feature)));
  }

  @Test
  void aRateLimitCarriesTheWait() {
    HttpHeaders h = HttpHeaders.of(Map.of("retry-after", List.of("2")), (a, b) -> true);
    Outcome o = classifier.classifyHttp(429, h, "{\"error\":{\"message\":\"x\"}}");
    assertThat(o)
        .isInstanceOfSatisfying(
            Outcome.RateLimited.class,
            r -> assertThat(r.retryAfter()).contains(Duration.ofSeconds(2)));
  }

  @Test
  void anErrorInsideA200IsClassifiedByTheStatusItCarries() {
    ProviderError e =
        ProviderError.find(
            ErrorClassifier.parse(
                "{\"error\":{\"message\":\"Provider returned error\",\"code\":503}}"));
    assertThat(classifier.classifyEmbedded(e)).isInstanceOf(Outcome.Overloaded.class);
    ProviderError unknown =
        ProviderError.find(ErrorClassifier.parse("{\"error\":{\"message\":\"odd\"}}"));
    assertThat(classifier.classifyEmbedded(unknown)).isInstanceOf(Outcome.Transient.class);
  }

  @Test
  void anInBandOverloadIsAnOverload() {
    ProviderError e =
        ProviderError.find(
            ErrorClassifier.parse(
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
    assertThat(classifier.classifyInBand(e)).isInstanceOf(Outcome.Overloaded.class);
  }

  @Test
  void theProvidersReasonReachesTheDetail() {
    Outcome o =
        classifier.classifyHttp(
            400,
            NONE,
            "{\"error\":{\"message\":\"flagged by the content filter\",\"code\":\"content_filter\"}}");
    assertThat(o.detail()).contains("flagged by the content filter");
  }
}
