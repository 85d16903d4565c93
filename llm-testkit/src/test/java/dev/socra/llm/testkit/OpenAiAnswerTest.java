package dev.socra.llm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiAnswerTest extends FakeServerTest {

  @Test
  void answersWholeWithCanonicalTextAndUsage() throws Exception {
    HttpResponse<String> response =
        wire.openAi(Wire.openAiBody("llama-3.1-8b-instant", false, "Is my idea any good?"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(response.headers().firstValue("x-request-id")).isPresent();
    JsonNode body = Wire.json(response);
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.path("id").asText()).startsWith("chatcmpl-");
    assertThat(body.path("model").asText()).isEqualTo("llama-3.1-8b-instant");
    assertThat(body.path("created").isIntegralNumber()).isTrue();
    JsonNode choice = body.path("choices").get(0);
    assertThat(choice.path("index").asInt()).isZero();
    assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
    assertThat(choice.path("message").path("content").asText())
        .isEqualTo(FakeProvider.canonicalAnswer("Is my idea any good?", 12));
    assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    // 5 words + 1 for the message
    assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(6);
    assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(12);
    assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(18);
  }

  @Test
  void streamsOneChunkPerTokenThenUsageThenDone() throws Exception {
    ObjectNode request = Wire.openAiBody("gpt-4o-mini+tokens=5", true, "Stream it");
    request.putObject("stream_options").put("include_usage", true);

    HttpResponse<String> response = wire.openAi(request);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElse(""))
        .startsWith("text/event-stream");
    List<Wire.Event> events = Wire.events(response.body());
    // role chunk, 5 tokens, finish chunk, usage chunk, [DONE]
    assertThat(events).hasSize(9);
    assertThat(events).allSatisfy(e -> assertThat(e.name()).isNull());
    JsonNode first = events.get(0).json();
    assertThat(first.path("object").asText()).isEqualTo("chat.completion.chunk");
    assertThat(first.path("choices").get(0).path("delta").path("role").asText())
        .isEqualTo("assistant");
    assertThat(first.path("choices").get(0).path("delta").path("content").asText()).isEmpty();
    for (int i = 1; i <= 4; i++) {
      assertThat(events.get(i).json().path("choices").get(0).path("delta").path("content").asText())
          .endsWith(" ");
    }
    assertThat(Wire.openAiText(events)).isEqualTo(FakeProvider.canonicalAnswer("Stream it", 5));
    JsonNode finish = events.get(6).json().path("choices").get(0);
    assertThat(finish.path("finish_reason").asText()).isEqualTo("stop");
    JsonNode usageChunk = events.get(7).json();
    assertThat(usageChunk.path("choices").isArray()).isTrue();
    assertThat(usageChunk.path("choices")).isEmpty();
    assertThat(usageChunk.path("usage").path("prompt_tokens").asInt()).isEqualTo(3);
    assertThat(usageChunk.path("usage").path("completion_tokens").asInt()).isEqualTo(5);
    assertThat(events.get(8).data()).isEqualTo("[DONE]");
    assertThat(response.body()).endsWith("data: [DONE]\n\n");
  }

  @Test
  void streamWithoutIncludeUsageHasNoUsageChunk() throws Exception {
    HttpResponse<String> response = wire.openAi(Wire.openAiBody("m+tokens=3", true, "hi"));

    List<Wire.Event> events = Wire.events(response.body());
    assertThat(events).hasSize(6); // role, 3 tokens, finish, [DONE]
    assertThat(response.body()).doesNotContain("usage");
  }

  @Test
  void maxTokensCutsTheAnswerWithFinishReasonLength() throws Exception {
    ObjectNode request = Wire.openAiBody("m", false, "long one").put("max_tokens", 4);

    JsonNode body = Wire.json(wire.openAi(request));

    String expected =
        String.join("", Answers.tokens(FakeProvider.canonicalAnswer("long one", 12)).subList(0, 4));
    JsonNode choice = body.path("choices").get(0);
    assertThat(choice.path("message").path("content").asText()).isEqualTo(expected);
    assertThat(choice.path("finish_reason").asText()).isEqualTo("length");
    assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(4);
  }

  @Test
  void jsonResponseFormatWrapsTheAnswer() throws Exception {
    ObjectNode request = Wire.openAiBody("m", false, "as json");
    request.putObject("response_format").put("type", "json_object");

    JsonNode body = Wire.json(wire.openAi(request));

    JsonNode content =
        Wire.JSON.readTree(body.path("choices").get(0).path("message").path("content").asText());
    assertThat(content.path("answer").asText())
        .isEqualTo(FakeProvider.canonicalAnswer("as json", 12));
  }

  @Test
  void noUsageDirectiveOmitsUsage() throws Exception {
    JsonNode body = Wire.json(wire.openAi(Wire.openAiBody("m+no-usage", false, "hi")));

    assertThat(body.has("usage")).isFalse();
  }

  @Test
  void missingKeyGets401WithOpenAiBody() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(fake.openAiBaseUrl() + "/chat/completions"))
            .POST(HttpRequest.BodyPublishers.ofString(Wire.openAiBody("m", false, "hi").toString()))
            .build();

    HttpResponse<String> response = wire.http.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
    JsonNode error = Wire.json(response).path("error");
    assertThat(error.path("message").asText()).startsWith("You didn't provide an API key.");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
  }

  @Test
  void invalidJsonGets400() throws Exception {
    HttpResponse<String> response =
        wire.send(
            wire.openAiRequest(Wire.JSON.createObjectNode())
                .POST(HttpRequest.BodyPublishers.ofString("{nope")));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Wire.json(response).path("error").path("type").asText())
        .isEqualTo("invalid_request_error");
  }

  @Test
  void acceptsGroqAndGeminiStylePaths() throws Exception {
    for (String path : List.of("/openai/v1/chat/completions", "/chat/completions")) {
      HttpResponse<String> response =
          wire.send(
              wire.openAiRequest(Wire.openAiBody("m", false, "hi"))
                  .uri(URI.create(fake.anthropicBaseUrl() + path)));
      assertThat(response.statusCode()).as(path).isEqualTo(200);
    }
  }

  @Test
  void unknownPathGets404Json() throws Exception {
    HttpResponse<String> response = wire.get("/v1/nothing");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Wire.json(response).path("error").path("message").asText())
        .isEqualTo("Invalid URL (GET /v1/nothing)");
  }
}
