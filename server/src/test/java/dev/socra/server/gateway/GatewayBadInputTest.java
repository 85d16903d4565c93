package dev.socra.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.llm.testkit.FakeProvider;
import dev.socra.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input at both gateway endpoints, over plain HTTP: wrong types, huge and deeply nested bodies,
 * control characters, unknown tool choices, tool results without their call, images and tools on
 * routes that cannot take them, fields no target honours. Each is a clear 400 (or 413, 401) in the
 * endpoint's own error shape, naming the field; no provider is asked. And the same images, where a
 * route can take them, reach a target of either protocol.
 */
class GatewayBadInputTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String IMAGE =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==";

  @TempDir static Path dir;
  static FakeProvider fake;
  static TestServer server;
  static String token;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    fake = FakeProvider.start(0);
    Map<String, List<String>> routes = new LinkedHashMap<>();
    routes.put("default", List.of("ta/ok"));
    routes.put("plain", List.of("a/ok"));
    routes.put("novision", List.of("tnv/ok"));
    routes.put("reasoning", List.of("ta/o4-mini"));
    routes.put("claude", List.of("tc/ok"));
    server = TestServer.start(Upstream.env(fake, dir, routes));
    token = server.userWithToken("bad-input-eve");
  }

  @AfterAll
  static void stop() {
    server.close();
    fake.close();
  }

  static HttpResponse<String> post(String path, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> chat(String body) throws Exception {
    return post("/v1/chat/completions", body, Map.of("Authorization", "Bearer " + token));
  }

  static HttpResponse<String> messages(String body) throws Exception {
    return post(
        "/v1/messages", body, Map.of("x-api-key", token, "anthropic-version", "2023-06-01"));
  }

  /** OpenAI's shape, 400, naming {@code param}. */
  static void openAiRefusal(HttpResponse<String> r, String param, String words) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    JsonNode error = JSON.readTree(r.body()).path("error");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.path("param").asText("")).as(r.body()).isEqualTo(param);
    assertThat(error.path("message").asText()).contains(words);
  }

  /** Anthropic's shape, with this status and type, its message naming {@code words}. */
  static void anthropicError(HttpResponse<String> r, int status, String type, String words)
      throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("error").path("type").asText()).isEqualTo(type);
    assertThat(body.path("error").path("message").asText()).as(r.body()).contains(words);
  }

  static String user(String content) {
    return "{\"role\":\"user\",\"content\":" + content + "}";
  }

  @Test
  void chatCompletionsRefusesWhatItCannotReadOrHonourNamingTheField() throws Exception {
    fake.clearAttempts();
    String hi = user("\"hi\"");
    Map<String, String[]> cases = new LinkedHashMap<>();
    cases.put(
        "{\"model\":\"default\",\"tool_choice\":\"sometimes\",\"tools\":[{\"type\":\"function\","
            + "\"function\":{\"name\":\"f\"}}],\"messages\":["
            + hi
            + "]}",
        new String[] {"tool_choice", "sometimes"});
    cases.put(
        "{\"model\":\"default\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
            + "\"messages\":["
            + hi
            + ",{\"role\":\"tool\",\"tool_call_id\":\"call_nobody\",\"content\":\"42\"}]}",
        new String[] {"messages", "call_nobody"});
    cases.put(
        "{\"model\":\"default\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"bad"
            + " name\\u0007\"}}],\"messages\":["
            + hi
            + "]}",
        new String[] {"tools[0].function.name", "letters, digits"});
    cases.put(
        "{\"model\":\"default\",\"tools\":{\"f\":1},\"messages\":[" + hi + "]}",
        new String[] {"tools", "array"});
    cases.put(
        "{\"model\":\"plain\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
            + "\"messages\":["
            + hi
            + "]}",
        new String[] {"tools", "route 'plain'"});
    cases.put(
        "{\"model\":\"novision\",\"messages\":["
            + user(
                "[{\"type\":\"text\",\"text\":\"what is this?\"},{\"type\":\"image_url\","
                    + "\"image_url\":{\"url\":\"data:image/png;base64,"
                    + IMAGE
                    + "\"}}]")
            + "]}",
        new String[] {"messages[0].content[1].image_url", "images (vision)"});
    cases.put(
        "{\"model\":\"default\",\"messages\":["
            + user("[{\"type\":\"image_url\",\"image_url\":{\"url\":\"file:///etc/passwd\"}}]")
            + "]}",
        new String[] {"messages[0].content[0].image_url.url", "http(s)"});
    cases.put(
        "{\"model\":\"reasoning\",\"temperature\":0,\"messages\":[" + hi + "]}",
        new String[] {"temperature", "none of its targets takes 'temperature'"});
    cases.put(
        "{\"model\":\"default\",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"],\"messages\":["
            + hi
            + "]}",
        new String[] {"stop", "at most 4"});
    cases.put(
        "{\"model\":\"default\",\"seed\":\"seven\",\"messages\":[" + hi + "]}",
        new String[] {"seed", "whole number"});
    cases.put(
        "{\"model\":\"default\",\"temperature\":3,\"messages\":[" + hi + "]}",
        new String[] {"temperature", "between 0 and 2"});
    cases.put(
        "{\"model\":\"default\",\"logprobs\":true,\"messages\":[" + hi + "]}",
        new String[] {"logprobs", "log probabilities"});
    cases.put(
        "{\"model\":\"default\",\"functions\":[{\"name\":\"f\"}],\"messages\":[" + hi + "]}",
        new String[] {"functions", "use 'tools'"});
    cases.put(
        "{\"model\":\"claude\",\"reasoning_effort\":\"low\",\"messages\":[" + hi + "]}",
        new String[] {"reasoning_effort", "openai protocol"});
    cases.put(
        "{\"model\":\"default\",\"messages\":["
            + hi
            + ",{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\","
            + "\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":{\"a\":1}}}]}]}",
        new String[] {"messages[1].tool_calls[0].function.arguments", "JSON string"});
    for (var c : cases.entrySet()) {
      openAiRefusal(chat(c.getKey()), c.getValue()[0], c.getValue()[1]);
    }
    assertThat(fake.attempts()).as("no provider was asked").isEmpty();
  }

  @Test
  void messagesRefusesWhatItCannotReadOrHonourNamingTheField() throws Exception {
    fake.clearAttempts();
    String hi = user("\"hi\"");
    String tool = "\"tools\":[{\"name\":\"get_weather\",\"input_schema\":{\"type\":\"object\"}}],";
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("{not json", "not valid JSON");
    cases.put("[1]", "JSON object");
    cases.put("{\"model\":\"default\",\"messages\":[" + hi + "]}", "max_tokens: Field required");
    cases.put(
        "{\"model\":\"default\",\"max_tokens\":\"lots\",\"messages\":[" + hi + "]}", "max_tokens");
    cases.put("{\"model\":\"default\",\"max_tokens\":10,\"messages\":\"hi\"}", "messages");
    cases.put(
        "{\"model\":\"default\",\"max_tokens\":10,\"temperature\":1.5,\"messages\":[" + hi + "]}",
        "between 0 and 1");
    cases.put(
        "{\"model\":\"default\",\"max_tokens\":10,"
            + tool
            + "\"tool_choice\":{\"type\":\"sometimes\"},\"messages\":["
            + hi
            + "]}",
        "tool_choice.type");
    cases.put(
        "{\"model\":\"default\",\"max_tokens\":10,"
            + tool
            + "\"messages\":["
            + user(
                "[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_nobody\",\"content\":\"42\"}]")
            + "]}",
        "toolu_nobody");
    cases.put(
        "{\"model\":\"default\",\"max_tokens\":10,\"messages\":["
            + hi
            + ",{\"role\":\"assistant\",\"content\":\"Sure\"}]}",
        "prefill");
    cases.put(
        "{\"model\":\"default\",\"max_tokens\":10,\"thinking\":{\"type\":\"enabled\","
            + "\"budget_tokens\":2000},\"messages\":["
            + hi
            + "]}",
        "thinking");
    cases.put(
        "{\"model\":\"default\",\"max_tokens\":10,\"tools\":[{\"type\":\"web_search_20250305\","
            + "\"name\":\"web_search\"}],\"messages\":["
            + hi
            + "]}",
        "server tools");
    cases.put(
        "{\"model\":\"novision\",\"max_tokens\":10,\"messages\":["
            + user(
                "[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\","
                    + "\"data\":\""
                    + IMAGE
                    + "\"}}]")
            + "]}",
        "messages.0.content.0.image");
    cases.put(
        "{\"model\":\"plain\",\"max_tokens\":10," + tool + "\"messages\":[" + hi + "]}",
        "none of its targets takes tools");
    cases.put(
        "{\"model\":\"plain\",\"max_tokens\":10,\"top_k\":5,\"messages\":[" + hi + "]}", "top_k");
    cases.put(
        "{\"model\":\"default\",\"max_tokens\":10,\"messages\":["
            + user("[{\"type\":\"document\",\"source\":{}}]")
            + "]}",
        "'document' is not supported");
    cases.put(
        "{\"model\":\"default\",\"max_tokens\":10,\"messages\":["
            + "{\"role\":\"system\",\"content\":\"x\"}]}",
        "messages.0.role");
    cases.put(
        "{\"model\":\"default\",\"max_tokens\":10,\"messages\":"
            + "[".repeat(2_000)
            + "]".repeat(2_000)
            + "}",
        "nested deeper");
    for (var c : cases.entrySet()) {
      anthropicError(messages(c.getKey()), 400, "invalid_request_error", c.getValue());
    }
    assertThat(fake.attempts()).as("no provider was asked").isEmpty();
  }

  @Test
  void theSameImageReachesAVisionTargetOfTheOtherProtocolFromEitherEndpoint() throws Exception {
    fake.clearAttempts();
    HttpResponse<String> chat =
        chat(
            "{\"model\":\"claude\",\"messages\":["
                + user(
                    "[{\"type\":\"text\",\"text\":\"what is this?\"},{\"type\":\"image_url\","
                        + "\"image_url\":{\"url\":\"data:image/png;base64,"
                        + IMAGE
                        + "\"}}]")
                + "]}");
    assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
    assertThat(fake.attempts().getLast().protocol()).isEqualTo("anthropic");
    assertThat(fake.attempts().getLast().images()).isEqualTo(1);

    HttpResponse<String> message =
        messages(
            "{\"model\":\"default\",\"max_tokens\":20,\"messages\":["
                + user(
                    "[{\"type\":\"text\",\"text\":\"what is this?\"},{\"type\":\"image\","
                        + "\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\","
                        + "\"data\":\""
                        + IMAGE
                        + "\"}}]")
                + "]}");
    assertThat(message.statusCode()).as(message.body()).isEqualTo(200);
    assertThat(fake.attempts().getLast().protocol()).isEqualTo("openai");
    assertThat(fake.attempts().getLast().images()).isEqualTo(1);
    assertThat(JSON.readTree(message.body()).path("content").path(0).path("text").asText())
        .isEqualTo(FakeProvider.canonicalAnswer("what is this?", 12));
  }

  @Test
  void aPhotoSentInlineFromAPhoneReachesTheVisionTarget() throws Exception {
    fake.clearAttempts();
    // 5 MB of image is about 6.7 MiB of base64: under the gateway's body limit, far over the API's.
    String photo = java.util.Base64.getEncoder().encodeToString(new byte[5_000_000]);
    HttpResponse<String> message =
        messages(
            "{\"model\":\"default\",\"max_tokens\":20,\"messages\":["
                + user(
                    "[{\"type\":\"text\",\"text\":\"what is on this receipt?\"},{\"type\":"
                        + "\"image\",\"source\":{\"type\":\"base64\",\"media_type\":"
                        + "\"image/jpeg\",\"data\":\""
                        + photo
                        + "\"}}]")
                + "]}");
    assertThat(message.statusCode()).as(message.body()).isEqualTo(200);
    assertThat(fake.attempts().getLast().images()).isEqualTo(1);
  }

  @Test
  void controlCharactersInAPromptArePassedOnAsText() throws Exception {
    HttpResponse<String> r =
        messages(
            "{\"model\":\"default\",\"max_tokens\":20,\"messages\":["
                + user("\"hi\\u0000\\u001b[2J there\"")
                + "]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("content").path(0).path("text").asText())
        .isEqualTo(FakeProvider.canonicalAnswer("hi\u0000\u001b[2J there", 12));
  }

  @Test
  void aHugeBodyIs413InEachEndpointsShape() throws Exception {
    String huge =
        "{\"model\":\"default\",\"max_tokens\":10,\"messages\":["
            + user("\"" + "a".repeat(9 * 1024 * 1024) + "\"")
            + "]}";
    anthropicError(messages(huge), 413, "request_too_large", "bytes");
    HttpResponse<String> r = chat(huge);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(r.body()).path("error").path("code").asText())
        .isEqualTo("request_too_large");
  }

  @Test
  void noKeyOrAWrongOneIs401InAnthropicsShape() throws Exception {
    String body = "{\"model\":\"default\",\"max_tokens\":10,\"messages\":[" + user("\"hi\"") + "]}";
    anthropicError(
        post("/v1/messages", body, Map.of("anthropic-version", "2023-06-01")),
        401,
        "authentication_error",
        "x-api-key");
    anthropicError(
        post("/v1/messages", body, Map.of("x-api-key", "socra_" + "1".repeat(64))),
        401,
        "authentication_error",
        "token");
    // a bearer token does as well as x-api-key, and no CSRF token is asked of either
    assertThat(post("/v1/messages", body, Map.of("Authorization", "Bearer " + token)).statusCode())
        .isEqualTo(200);
    assertThat(post("/v1/messages", body, Map.of("x-api-key", token)).statusCode()).isEqualTo(200);
    // x-api-key is the gateway's alone: the rest of the API does not take it
    HttpResponse<String> api =
        http.send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/sessions"))
                .header("x-api-key", token)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(api.statusCode()).isEqualTo(401);
  }

  @Test
  void anUnknownRouteIs404InAnthropicsShape() throws Exception {
    anthropicError(
        messages(
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":["
                + user("\"hi\"")
                + "]}"),
        404,
        "not_found_error",
        "GET /v1/models");
  }
}
