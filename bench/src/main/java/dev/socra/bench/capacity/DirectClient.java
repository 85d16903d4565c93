package dev.socra.bench.capacity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.socra.llm.pricing.PriceTable;
import dev.socra.llm.route.TargetId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What the seed's app did with its SDK: one OpenAI chat-completions request straight to one
 * provider, with the JDK HttpClient and Jackson. No retries of its own.
 */
final class DirectClient implements AutoCloseable {

  /** One HTTP exchange: status 0 when no response came. */
  record Reply(int status, int inputTokens, int outputTokens, String error) {
    boolean ok() {
      return status == 200;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PriceTable PRICES = PriceTable.defaults();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI url;
  private final String provider;
  private final String model;
  private final String key;

  /**
   * @param baseUrl OpenAI-compatible base URL, ending in {@code /v1}
   * @param provider the name the results give this provider
   */
  DirectClient(String baseUrl, String provider, String model, String key) {
    this.url = URI.create(baseUrl + "/chat/completions");
    this.provider = provider;
    this.model = model;
    this.key = key;
  }

  Reply send(Prompt prompt, int maxTokens) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    body.put("max_tokens", maxTokens);
    var messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", prompt.system());
    messages.addObject().put("role", "user").put("content", prompt.user());
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(120))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + key)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json = JSON.readTree(response.body());
      if (response.statusCode() != 200) {
        String message = json.path("error").path("message").asText(response.body());
        return new Reply(response.statusCode(), 0, 0, message);
      }
      JsonNode usage = json.path("usage");
      return new Reply(
          200, usage.path("prompt_tokens").asInt(), usage.path("completion_tokens").asInt(), null);
    } catch (IOException e) {
      return new Reply(0, 0, 0, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(0, 0, 0, "interrupted");
    }
  }

  /** The reply as the pipeline's user sees it, priced at the model's list price. */
  CallOutcome outcome(Stage stage, Reply reply) {
    if (!reply.ok()) {
      return CallOutcome.failed(stage.name(), "HTTP " + reply.status() + ": " + reply.error());
    }
    return CallOutcome.answered(
        stage.name(),
        provider,
        PRICES.cost(new TargetId(provider, model), reply.inputTokens(), reply.outputTokens()));
  }

  CallOutcome call(Stage stage, Prompt prompt) {
    return outcome(stage, send(prompt, stage.outputTokens()));
  }

  @Override
  public void close() {
    http.close();
  }
}
