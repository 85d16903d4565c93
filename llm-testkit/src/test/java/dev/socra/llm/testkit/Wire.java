package dev.socra.llm.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test client for a fake: builds requests in both wire formats and reads SSE bodies. */
final class Wire {

  static final ObjectMapper JSON = new ObjectMapper();

  /** One parsed server-sent event; {@code name} is null for OpenAI's unnamed events. */
  record Event(String name, String data) {
    JsonNode json() {
      try {
        return JSON.readTree(data);
      } catch (IOException e) {
        throw new AssertionError("event data is not JSON: " + data, e);
      }
    }
  }

  final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private final FakeProvider fake;

  Wire(FakeProvider fake) {
    this.fake = fake;
  }

  static ObjectNode openAiBody(String model, boolean stream, String user) {
    ObjectNode body = JSON.createObjectNode().put("model", model).put("stream", stream);
    body.putArray("messages").addObject().put("role", "user").put("content", user);
    return body;
  }

  static ObjectNode anthropicBody(String model, boolean stream, String user) {
    ObjectNode body =
        JSON.createObjectNode().put("model", model).put("stream", stream).put("max_tokens", 100);
    body.putArray("messages").addObject().put("role", "user").put("content", user);
    return body;
  }

  static ObjectNode withPrefill(ObjectNode body, String prefill) {
    ((ArrayNode) body.get("messages")).addObject().put("role", "assistant").put("content", prefill);
    return body;
  }

  HttpRequest.Builder openAiRequest(JsonNode body) {
    return HttpRequest.newBuilder(URI.create(fake.openAiBaseUrl() + "/chat/completions"))
        .timeout(Duration.ofSeconds(5))
        .header("authorization", "Bearer test-key-openai-secret")
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
  }

  /** The OpenAI format at Groq's path, where the fake spells its limits as Groq does. */
  HttpRequest.Builder groqRequest(JsonNode body) {
    return HttpRequest.newBuilder(URI.create(fake.groqBaseUrl() + "/chat/completions"))
        .timeout(Duration.ofSeconds(5))
        .header("authorization", "Bearer test-key-groq-secret")
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
  }

  /** The OpenAI format at Gemini's path, validated as Gemini's compatibility layer does. */
  HttpRequest.Builder geminiRequest(JsonNode body) {
    return HttpRequest.newBuilder(URI.create(fake.geminiBaseUrl() + "/chat/completions"))
        .timeout(Duration.ofSeconds(5))
        .header("authorization", "Bearer test-key-gemini-secret")
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
  }

  HttpRequest.Builder anthropicRequest(JsonNode body) {
    return HttpRequest.newBuilder(URI.create(fake.anthropicBaseUrl() + "/v1/messages"))
        .timeout(Duration.ofSeconds(5))
        .header("x-api-key", "test-key-anthropic-secret")
        .header("anthropic-version", "2023-06-01")
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> openAi(JsonNode body) throws IOException, InterruptedException {
    return send(openAiRequest(body));
  }

  HttpResponse<String> anthropic(JsonNode body) throws IOException, InterruptedException {
    return send(anthropicRequest(body));
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(fake.anthropicBaseUrl() + path)).GET());
  }

  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(fake.anthropicBaseUrl() + path))
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  /**
   * Waits (in real time, up to {@code max}) until {@code condition} holds: for something another
   * thread is doing, never for time to pass.
   */
  static void until(java.util.function.BooleanSupplier condition, Duration max)
      throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("still not so after " + max);
      }
      Thread.sleep(2);
    }
  }

  /** Splits an SSE body into events (blank-line separated; {@code event:} and {@code data:}). */
  static List<Event> events(String body) {
    List<Event> events = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      if (block.isBlank()) {
        continue;
      }
      String name = null;
      StringBuilder data = new StringBuilder();
      for (String line : block.split("\n")) {
        if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        } else {
          data.append(line);
        }
      }
      events.add(new Event(name, data.toString()));
    }
    return events;
  }

  /** The text of OpenAI chunks' content deltas, concatenated. */
  static String openAiText(List<Event> events) {
    StringBuilder text = new StringBuilder();
    for (Event e : events) {
      if (!e.data().equals("[DONE]")) {
        for (JsonNode choice : e.json().path("choices")) {
          text.append(choice.path("delta").path("content").asText(""));
        }
      }
    }
    return text.toString();
  }

  /** The text of Anthropic text deltas, concatenated. */
  static String anthropicText(List<Event> events) {
    StringBuilder text = new StringBuilder();
    for (Event e : events) {
      if ("content_block_delta".equals(e.name())) {
        text.append(e.json().path("delta").path("text").asText());
      }
    }
    return text.toString();
  }
}
