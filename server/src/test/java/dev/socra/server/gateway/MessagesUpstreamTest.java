package dev.socra.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.llm.testkit.FakeProvider;
import dev.socra.server.testing.Http;
import dev.socra.server.testing.TestServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Anthropic's Messages API over failing upstreams, as {@link GatewayUpstreamTest} is for chat
 * completions: the same router outcomes reach an Anthropic client in Anthropic's shapes, with the
 * same headers, the same scrubbing of keys and the same record of a stream its client left.
 */
class MessagesUpstreamTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PROMPT = "Who pays for the first pilot?";

  @TempDir static Path dir;
  static FakeProvider fake;
  static TestServer server;
  static String token;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    fake = FakeProvider.start(0);
    Map<String, List<String>> routes = new LinkedHashMap<>();
    routes.put("default", List.of("a/ok"));
    routes.put("limited", List.of("a/status=429", "b/status=429"));
    routes.put("leaky", List.of("a/echo-key", "b/echo-key"));
    routes.put("leakystream", List.of("a/inband-error=overloaded_error+inband-after=2+echo-key"));
    server = TestServer.start(Upstream.env(fake, dir, routes));
    token = server.userWithToken("messages-grace");
  }

  @AfterAll
  static void stop() {
    server.close();
    fake.close();
  }

  static HttpRequest request(String body) {
    return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/messages"))
        .header("Content-Type", "application/json")
        .header("x-api-key", token)
        .header("anthropic-version", "2023-06-01")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  static HttpResponse<String> message(String model, boolean stream) throws Exception {
    String body =
        """
        {"model":"%s","stream":%s,"max_tokens":100,"messages":[{"role":"user","content":"%s"}]}
        """
            .formatted(model, stream, PROMPT);
    return http.send(request(body), HttpResponse.BodyHandlers.ofString());
  }

  static void assertError(HttpResponse<String> r, int status, String type) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(c -> assertThat(c).startsWith("application/json"));
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("error").path("type").asText()).as(r.body()).isEqualTo(type);
  }

  /** Each event of an Anthropic stream as {name, data}. */
  static List<String[]> events(String body) {
    List<String[]> out = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      if (block.isBlank()) {
        continue;
      }
      String name = null;
      String data = null;
      for (String line : block.split("\n")) {
        if (line.startsWith("event: ")) {
          name = line.substring("event: ".length());
        } else if (line.startsWith("data: ")) {
          data = line.substring("data: ".length());
        }
      }
      out.add(new String[] {name, data});
    }
    return out;
  }

  @Test
  void rateLimitedEverywhereIsA429InAnthropicsShapeWithRetryAfter() throws Exception {
    HttpResponse<String> whole = message("limited", false);
    assertError(whole, 429, "rate_limit_error");
    assertThat(JSON.readTree(whole.body()).path("error").path("message").asText())
        .contains("every target on route 'limited' failed");

    // Both targets now cool down: a stream that never started is a plain error, not events, and
    // says when to come back.
    HttpResponse<String> streamed = message("limited", true);
    assertError(streamed, 429, "rate_limit_error");
    assertThat(streamed.headers().firstValue("retry-after"))
        .hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isBetween(1, 30));
  }

  @Test
  void upstreamKeysQuotedBackByAProviderNeverReachAnAnthropicClient() throws Exception {
    HttpResponse<String> whole = message("leaky", false);
    assertError(whole, 502, "api_error");

    HttpResponse<String> streamed = message("leakystream", true);
    assertThat(streamed.statusCode()).isEqualTo(200);
    List<String[]> events = events(streamed.body());
    assertThat(events.getFirst()[0]).isEqualTo("message_start");
    assertThat(events.getLast()[0]).as(streamed.body()).isEqualTo("error");
    assertThat(events).noneMatch(e -> "message_stop".equals(e[0]));
    assertThat(JSON.readTree(events.getLast()[1]).path("type").asText()).isEqualTo("error");
    for (String key : Upstream.KEYS.values()) {
      assertThat(whole.body()).doesNotContain(key);
      assertThat(streamed.body()).doesNotContain(key);
    }
  }

  @Test
  void aStreamItsClientWalksAwayFromIsRecordedAsAbandoned() throws Exception {
    fake.scriptWhen("ok", "Write at length", List.of("word ".repeat(400).strip()));
    // paced, so the answer is still being written when the client hangs up
    fake.setTokenDelay(java.time.Duration.ofMillis(20));
    String body =
        """
        {"model":"default","stream":true,"max_tokens":400,"system":"Write at length",
         "messages":[{"role":"user","content":"Tell me everything"}]}
        """;
    HttpResponse<InputStream> r =
        http.send(request(body), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      int deltas = 0;
      for (String line; deltas < 4 && (line = in.readLine()) != null; ) {
        if (line.equals("event: content_block_delta")) {
          deltas++;
        }
      }
    } // hangs up after four pieces of a 400-token answer
    fake.setTokenDelay(java.time.Duration.ZERO);

    Http admin = Http.as(server.baseUrl(), server.adminToken());
    String metrics = "";
    for (int i = 0; i < 300; i++) { // the server notices at its next write to the closed stream
      metrics = admin.get("/actuator/prometheus").body();
      if (metrics.contains("socra_streams_total{outcome=\"abandoned\",stream=\"gateway\"}")) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(metrics)
        .contains("socra_streams_total{outcome=\"abandoned\",stream=\"gateway\"}")
        .containsPattern("socra_llm_attempts_total\\{[^}]*outcome=\"abandoned\"");
  }

  @Test
  void anUnknownRouteIs404BothAsAMessageAndAsAModelPage() throws Exception {
    HttpResponse<String> r = message("claude-sonnet-4-5", false);
    assertError(r, 404, "not_found_error");
    assertThat(JSON.readTree(r.body()).path("error").path("message").asText())
        .contains("claude-sonnet-4-5");

    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/models/claude-sonnet-4-5"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).as(page.body()).isEqualTo(404);
    assertThat(JSON.readTree(page.body()).path("error").path("code").asText())
        .isEqualTo("model_not_found");
  }
}
