package dev.socra.llm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicAnswerTest extends FakeServerTest {

  @Test
  void answersWholeMessageWithUsage() throws Exception {
    ObjectNode request = Wire.anthropicBody("claude-haiku-4-5", false, "Who pays for this?");
    request.put("system", "You are a sceptical investor");

    HttpResponse<String> response = wire.anthropic(request);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("request-id")).isPresent();
    JsonNode body = Wire.json(response);
    assertThat(body.path("id").asText()).startsWith("msg_");
    assertThat(body.path("type").asText()).isEqualTo("message");
    assertThat(body.path("role").asText()).isEqualTo("assistant");
    assertThat(body.path("model").asText()).isEqualTo("claude-haiku-4-5");
    assertThat(body.path("content").get(0).path("type").asText()).isEqualTo("text");
    assertThat(body.path("content").get(0).path("text").asText())
        .isEqualTo(FakeProvider.canonicalAnswer("Who pays for this?", 12));
    assertThat(body.path("stop_reason").asText()).isEqualTo("end_turn");
    // system 5 words + message 4 words + 1
    assertThat(body.path("usage").path("input_tokens").asInt()).isEqualTo(10);
    assertThat(body.path("usage").path("output_tokens").asInt()).isEqualTo(12);
  }

  @Test
  void streamsTheRealEventSequence() throws Exception {
    HttpResponse<String> response =
        wire.anthropic(Wire.anthropicBody("claude+tokens=3", true, "three words please"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElse(""))
        .startsWith("text/event-stream");
    List<Wire.Event> events = Wire.events(response.body());
    assertThat(events)
        .extracting(Wire.Event::name)
        .containsExactly(
            "message_start",
            "content_block_start",
            "ping",
            "content_block_delta",
            "content_block_delta",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop");
    assertThat(events)
        .allSatisfy(e -> assertThat(e.json().path("type").asText()).isEqualTo(e.name()));
    JsonNode start = events.get(0).json().path("message");
    assertThat(start.path("usage").path("input_tokens").asInt()).isEqualTo(4);
    assertThat(start.path("usage").path("output_tokens").asInt()).isEqualTo(1);
    assertThat(start.path("content")).isEmpty();
    JsonNode delta = events.get(3).json();
    assertThat(delta.path("index").asInt()).isZero();
    assertThat(delta.path("delta").path("type").asText()).isEqualTo("text_delta");
    assertThat(Wire.anthropicText(events))
        .isEqualTo(FakeProvider.canonicalAnswer("three words please", 3));
    JsonNode messageDelta = events.get(7).json();
    assertThat(messageDelta.path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(messageDelta.path("usage").path("output_tokens").asInt()).isEqualTo(3);
  }

  @Test
  void maxTokensStopsWithMaxTokensReason() throws Exception {
    ObjectNode request = Wire.anthropicBody("claude", true, "cut me").put("max_tokens", 2);

    List<Wire.Event> events = Wire.events(wire.anthropic(request).body());

    JsonNode messageDelta = events.get(events.size() - 2).json();
    assertThat(messageDelta.path("delta").path("stop_reason").asText()).isEqualTo("max_tokens");
    assertThat(messageDelta.path("usage").path("output_tokens").asInt()).isEqualTo(2);
  }

  @Test
  void noUsageOmitsUsageFromTheStream() throws Exception {
    String body = wire.anthropic(Wire.anthropicBody("claude+no-usage", true, "hi")).body();

    assertThat(body).doesNotContain("\"usage\"");
  }

  @Test
  void missingKeyGets401AndMissingVersion400() throws Exception {
    String json = Wire.anthropicBody("claude", false, "hi").toString();
    URI uri = URI.create(fake.anthropicBaseUrl() + "/v1/messages");

    HttpResponse<String> noKey =
        wire.send(
            HttpRequest.newBuilder(uri)
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    HttpResponse<String> noVersion =
        wire.send(
            HttpRequest.newBuilder(uri)
                .header("x-api-key", "k")
                .POST(HttpRequest.BodyPublishers.ofString(json)));

    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(Wire.json(noKey).path("type").asText()).isEqualTo("error");
    assertThat(Wire.json(noKey).path("error").path("type").asText())
        .isEqualTo("authentication_error");
    assertThat(noVersion.statusCode()).isEqualTo(400);
    assertThat(Wire.json(noVersion).path("error").path("message").asText())
        .isEqualTo("anthropic-version: header is required");
  }

  @Test
  void missingMaxTokensIsInvalid() throws Exception {
    ObjectNode request = Wire.anthropicBody("claude", false, "hi");
    request.remove("max_tokens");

    HttpResponse<String> response = wire.anthropic(request);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Wire.json(response).path("error").path("message").asText())
        .isEqualTo("max_tokens: Field required");
  }
}
