package dev.socra.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.SseException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.socra.llm.testkit.FakeProvider;
import dev.socra.llm.testkit.SeenRequest;
import dev.socra.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway over real providers' wire formats: a fake provider upstream, misbehaving as each
 * route's targets say, and plain HTTP from the client's side, so every byte of the answers is seen.
 */
class GatewayUpstreamTest {
  static final String PROMPT = "Who pays for the first pilot?";
  static final String ANSWER = FakeProvider.canonicalAnswer(PROMPT, 12);
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static FakeProvider fake;
  static TestServer server;
  static String token;
  static final HttpClient http = HttpClient.newHttpClient();
  static final List<String> bodies = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void start() {
    fake = FakeProvider.start(0);
    Map<String, List<String>> routes = new LinkedHashMap<>();
    routes.put("default", List.of("a/ok"));
    routes.put("failover", List.of("a/status=503", "b/ok"));
    routes.put("cut", List.of("a/cut-after=2"));
    routes.put("continued", List.of("a/cut-after=3+x", "c/ok"));
    routes.put("limited", List.of("a/status=429", "b/status=429"));
    routes.put("refused", List.of("a/code=content_filter"));
    routes.put("nousage", List.of("a/no-usage"));
    routes.put("small", List.of("small/ok"));
    routes.put("leaky", List.of("a/echo-key", "b/echo-key"));
    routes.put("leakystream", List.of("a/inband-error=overloaded_error+inband-after=2+echo-key"));
    server = TestServer.start(Upstream.env(fake, dir, routes));
    token = server.userWithToken("grace");
  }

  @AfterAll
  static void stop() {
    try {
      for (String body : bodies) {
        for (String key : Upstream.KEYS.values()) {
          assertThat(body).as("an upstream key in a response").doesNotContain(key);
        }
        assertThat(body).as("the caller's token in a response").doesNotContain(token);
      }
    } finally {
      server.close();
      fake.close();
    }
  }

  static HttpResponse<String> post(String body, String bearer) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/chat/completions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    bodies.add(r.body());
    return r;
  }

  static HttpResponse<String> chat(String model, boolean stream) throws Exception {
    return post(
        """
        {"model":"%s","stream":%s,"stream_options":{"include_usage":true},"max_tokens":100,
         "temperature":0.2,"messages":[{"role":"user","content":"%s"}]}
        """
            .formatted(model, stream, PROMPT),
        token);
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  /** The data of each server-sent event, in order. */
  static List<String> events(HttpResponse<String> r) {
    List<String> out = new ArrayList<>();
    for (String event : r.body().split("\n\n")) {
      if (!event.isBlank()) {
        assertThat(event).startsWith("data: ");
        out.add(event.substring("data: ".length()));
      }
    }
    return out;
  }

  static String deltas(List<String> events) throws Exception {
    StringBuilder text = new StringBuilder();
    for (String e : events) {
      if (e.startsWith("{\"id\"")) {
        for (JsonNode choice : JSON.readTree(e).path("choices")) {
          text.append(choice.path("delta").path("content").asText(""));
        }
      }
    }
    return text.toString();
  }

  static void assertError(HttpResponse<String> r, int status, String type, String code)
      throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode error = json(r).path("error");
    assertThat(error.path("type").asText()).isEqualTo(type);
    if (code == null) {
      assertThat(error.path("code").isNull()).as(r.body()).isTrue();
    } else {
      assertThat(error.path("code").asText()).isEqualTo(code);
    }
    assertThat(error.has("param")).isTrue();
    assertThat(error.path("message").asText()).isNotBlank();
  }

  static void assertUsage(JsonNode usage) {
    assertThat(usage.path("prompt_tokens").asInt()).isPositive();
    assertThat(usage.path("completion_tokens").asInt()).isPositive();
    assertThat(usage.path("total_tokens").asInt())
        .isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());
  }

  @Test
  void afterAFailOverTheAnswerNamesTheTargetThatServedIt() throws Exception {
    fake.clearAttempts();
    HttpResponse<String> r = chat("failover", false);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(r.headers().firstValue("content-length"))
        .as("a whole answer is not chunked")
        .hasValueSatisfying(n -> assertThat(Integer.parseInt(n)).isEqualTo(r.body().length()));
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.path("model").asText()).isEqualTo("b/ok");
    assertThat(body.path("choices").path(0).path("message").path("content").asText())
        .isEqualTo(ANSWER);
    assertUsage(body.path("usage"));
    assertThat(fake.attempts()).extracting(SeenRequest::status).containsExactly(503, 200);
  }

  @Test
  void aStreamAfterAFailOverNamesTheServingTargetAtItsEnd() throws Exception {
    HttpResponse<String> r = chat("failover", true);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    List<String> events = events(r);
    assertThat(events.getLast()).isEqualTo("[DONE]");
    JsonNode first = JSON.readTree(events.getFirst());
    assertThat(first.path("object").asText()).isEqualTo("chat.completion.chunk");
    assertThat(first.path("choices").path(0).path("delta").path("role").asText())
        .isEqualTo("assistant");
    assertThat(deltas(events)).isEqualTo(ANSWER);
    JsonNode finish = JSON.readTree(events.get(events.size() - 3));
    assertThat(finish.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
    assertThat(finish.path("model").asText()).isEqualTo("b/ok");
    JsonNode usage = JSON.readTree(events.get(events.size() - 2));
    assertThat(usage.path("choices").isEmpty()).isTrue();
    assertThat(usage.path("model").asText()).isEqualTo("b/ok");
    assertUsage(usage.path("usage"));
  }

  @Test
  void aStreamContinuedByAnotherTargetIsOneAnswerNamingTheTargetThatFinishedIt() throws Exception {
    HttpResponse<String> r = chat("continued", true);

    List<String> events = events(r);
    assertThat(events.getLast()).isEqualTo("[DONE]");
    assertThat(deltas(events)).isEqualTo(ANSWER);
    assertThat(JSON.readTree(events.get(events.size() - 3)).path("model").asText())
        .isEqualTo("c/ok");
  }

  @Test
  void aStreamCutAfterItsFirstTokensWithNoTargetToContinueEndsWithAnErrorEventAndNoDone()
      throws Exception {
    HttpResponse<String> r = chat("cut", true);

    assertThat(r.statusCode()).isEqualTo(200);
    List<String> events = events(r);
    assertThat(deltas(events)).isNotEmpty();
    assertThat(ANSWER).startsWith(deltas(events));
    assertThat(events).doesNotContain("[DONE]");
    JsonNode error = JSON.readTree(events.getLast()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("stream_interrupted");
    assertThat(error.path("type").asText()).isEqualTo("server_error");
    assertThat(error.path("message").asText()).contains("cut off");
    assertThat(error.has("param")).isTrue();
  }

  @Test
  void openAisSdkRaisesTheCutStreamsErrorEventAfterItsText() {
    OpenAIClient client =
        OpenAIOkHttpClient.builder()
            .baseUrl(server.baseUrl() + "/v1")
            .apiKey(token)
            .maxRetries(0)
            .build();
    StringBuilder text = new StringBuilder();
    try {
      assertThatThrownBy(
              () -> {
                try (StreamResponse<ChatCompletionChunk> s =
                    client
                        .chat()
                        .completions()
                        .createStreaming(
                            ChatCompletionCreateParams.builder()
                                .model("cut")
                                .addUserMessage(PROMPT)
                                .build())) {
                  s.stream()
                      .forEach(
                          c ->
                              c.choices()
                                  .forEach(ch -> ch.delta().content().ifPresent(text::append)));
                }
              })
          .isInstanceOf(SseException.class)
          .hasMessageContaining("cut off");
    } finally {
      client.close();
    }
    assertThat(text.toString()).isNotEmpty();
    assertThat(ANSWER).startsWith(text.toString()).isNotEqualTo(text.toString());
  }

  @Test
  void rateLimitedEverywhereIsA429WithTheRoutersCause() throws Exception {
    HttpResponse<String> whole = chat("limited", false);
    assertError(whole, 429, "rate_limit_error", "rate_limit_exceeded");
    assertThat(json(whole).path("error").path("message").asText())
        .contains("every target on route 'limited' failed")
        .contains("rate");

    // Now both targets are cooling down: skipped without a request, still a 429, and a stream
    // that never started is a plain error too, not an event stream.
    HttpResponse<String> streamed = chat("limited", true);
    assertError(streamed, 429, "rate_limit_error", "rate_limit_exceeded");
    assertThat(json(streamed).path("error").path("message").asText()).contains("rate limited");
    // both cool down for the router's default 30 s after a 429 without a stated wait
    assertThat(streamed.headers().firstValue("retry-after"))
        .hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isBetween(1, 30));
  }

  @Test
  void aProviderRefusalIsA400WithItsReason() throws Exception {
    HttpResponse<String> r = chat("refused", false);
    assertError(r, 400, "invalid_request_error", "refused");
    assertThat(json(r).path("error").path("message").asText()).contains("refused by a/");
  }

  @Test
  void aRequestLargerThanEveryBudgetIs413() throws Exception {
    HttpResponse<String> r = chat("small", false);
    assertError(r, 413, "invalid_request_error", "request_too_large");
    assertThat(json(r).path("error").path("message").asText()).contains("budget");
  }

  @Test
  void anUnknownModelIs404() throws Exception {
    HttpResponse<String> r = chat("gpt-4o", false);
    assertError(r, 404, "invalid_request_error", "model_not_found");
    assertThat(json(r).path("error").path("param").asText()).isEqualTo("model");
  }

  @Test
  void noTokenOrAWrongOneIs401InOpenAisShape() throws Exception {
    for (String bearer : new String[] {null, "socra_" + "f".repeat(64), "sk-not-a-socra-token"}) {
      HttpResponse<String> r =
          post(
              "{\"model\":\"default\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
              bearer);
      assertThat(r.statusCode()).isEqualTo(401);
      JsonNode error = json(r).path("error");
      assertThat(error.path("message").asText()).isNotBlank();
      assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
      assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
      if (bearer != null) {
        assertThat(r.body()).doesNotContain(bearer);
      }
    }
    assertThat(fake.attempts()).noneMatch(a -> a.model().equals("ok") && !a.authPresent());
  }

  @Test
  void usageIsThereEvenWhenTheProviderReportsNone() throws Exception {
    assertUsage(json(chat("nousage", false)).path("usage"));
    List<String> events = events(chat("nousage", true));
    assertThat(events.getLast()).isEqualTo("[DONE]");
    assertUsage(JSON.readTree(events.get(events.size() - 2)).path("usage"));
  }

  @Test
  void badRequestBodiesAre400NamingTheField() throws Exception {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("{not json", "");
    cases.put("[1,2]", "");
    cases.put("{\"model\":\"default\"}", "messages");
    cases.put("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "model");
    cases.put(
        "{\"model\":\"default\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
            + "{\"role\":\"assistant\",\"content\":\"so\"}]}",
        "messages");
    cases.put(
        "{\"model\":\"default\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}",
        "messages[0].tool_call_id");
    cases.put(
        "{\"model\":\"default\",\"max_tokens\":-3,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
        "max_tokens");
    cases.put(
        "{\"model\":\"default\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]}",
        "messages[0].content[0]");
    cases.put(
        "{\"model\":\"default\",\"tools\":[{\"type\":\"function\"}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
        "tools[0].function");
    for (var c : cases.entrySet()) {
      HttpResponse<String> r = post(c.getKey(), token);
      assertError(r, 400, "invalid_request_error", null);
      assertThat(json(r).path("error").path("param").asText(""))
          .as(c.getKey())
          .isEqualTo(c.getValue());
    }
  }

  @Test
  void upstreamKeysQuotedBackByAProviderNeverReachTheClient() throws Exception {
    HttpResponse<String> whole = chat("leaky", false);
    assertError(whole, 502, "server_error", "upstream_failed");
    assertThat(json(whole).path("error").path("message").asText()).contains("auth");

    HttpResponse<String> streamed = chat("leakystream", true);
    List<String> events = events(streamed);
    assertThat(events).doesNotContain("[DONE]");
    assertThat(JSON.readTree(events.getLast()).path("error").path("code").asText())
        .isEqualTo("stream_interrupted");
    for (String key : Upstream.KEYS.values()) {
      assertThat(whole.body()).doesNotContain(key);
      assertThat(streamed.body()).doesNotContain(key);
    }
  }
}
