package dev.socra.llm.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.Message;
import dev.socra.llm.Usage;
import dev.socra.llm.config.HostOptions;
import dev.socra.llm.config.Secrets;
import dev.socra.llm.outcome.ErrorClassifier;
import dev.socra.llm.outcome.Outcome;
import dev.socra.llm.outcome.ProviderError;
import dev.socra.llm.provider.AttemptResult;
import dev.socra.llm.provider.Exchange;
import dev.socra.llm.provider.http.HttpAdapter;
import dev.socra.llm.provider.http.SseEvent;
import dev.socra.llm.provider.http.StreamDecoder;
import dev.socra.llm.provider.http.StreamState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/** Anthropic's Messages API: top-level system prompt, named SSE events, errors in-band. */
public final class AnthropicAdapter extends HttpAdapter {
  static final String API_VERSION = "2023-06-01";
  private static final ObjectMapper JSON = new ObjectMapper();

  public AnthropicAdapter(
      HttpClient client, ErrorClassifier classifier, Secrets secrets, java.time.Clock clock) {
    super(client, classifier, secrets, clock);
  }

  @Override
  protected HttpRequest buildRequest(Exchange ex) {
    HostOptions host = ex.provider().host();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(ex.provider().baseUrl() + "/v1/messages" + host.queryString()))
            .header("content-type", "application/json")
            .header("anthropic-version", API_VERSION)
            .header("accept", ex.stream() ? "text/event-stream" : "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body(ex)));
    host.revealedHeaders().forEach(b::header);
    if (ex.provider().key() != null) {
      b.header(
          host.keyHeader() != null ? host.keyHeader() : "x-api-key", ex.provider().key().reveal());
    }
    return b.build();
  }

  String body(Exchange ex) {
    ChatRequest r = ex.request();
    ObjectNode root = JSON.createObjectNode();
    root.put("model", ex.target().model());
    root.put("max_tokens", r.maxTokens());
    String system = r.system();
    if (!(r.format() instanceof dev.socra.llm.ResponseFormat.Text)) {
      String rule = "Answer with one JSON object and nothing else.";
      system = system == null || system.isBlank() ? rule : system + "\n\n" + rule;
    }
    if (system != null && !system.isBlank()) {
      root.put("system", system);
    }
    ArrayNode messages = root.putArray("messages");
    for (Message m : r.messages()) {
      messages.addObject().put("role", m.role().wireName()).put("content", m.content());
    }
    if (ex.prefill() != null) {
      // The API refuses a final assistant turn that ends in whitespace; the router strips it.
      messages.addObject().put("role", "assistant").put("content", ex.prefill());
    }
    if (ex.stream()) {
      root.put("stream", true);
    }
    return root.toString();
  }

  @Override
  protected AttemptResult parseComplete(int status, JsonNode body) {
    JsonNode content = body.path("content");
    if (!content.isArray()) {
      return AttemptResult.failed(
          new Outcome.Transient("malformed response: no content in the answer"), status);
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode block : content) {
      if ("text".equals(block.path("type").asText())) {
        text.append(block.path("text").asText(""));
      }
    }
    String stop = body.path("stop_reason").asText("end_turn");
    if (FILTERED.contains(stop)) {
      return AttemptResult.failed(
          new Outcome.Refused("the provider withheld the answer: " + stop), status);
    }
    JsonNode u = body.path("usage");
    Usage usage =
        u.has("input_tokens")
            ? new Usage(u.path("input_tokens").asInt(), u.path("output_tokens").asInt(), false)
            : null;
    return new AttemptResult(new Outcome.Success(stop), status, text.toString(), usage, null, stop);
  }

  @Override
  protected StreamDecoder newDecoder() {
    return new Decoder(classifier());
  }

  /**
   * {@code message_start} … {@code content_block_delta} … {@code message_delta}, {@code
   * message_stop}.
   */
  private record Decoder(ErrorClassifier classifier) implements StreamDecoder {
    @Override
    public String accept(SseEvent event, StreamState state) throws MalformedEventException {
      JsonNode data = ErrorClassifier.parse(event.data());
      if (data == null || !data.isObject()) {
        throw new MalformedEventException("not JSON");
      }
      String type = event.event().isEmpty() ? data.path("type").asText() : event.event();
      switch (type) {
        case "message_start" -> {
          JsonNode u = data.path("message").path("usage");
          if (u.has("input_tokens")) {
            state.inputTokens = u.path("input_tokens").asInt();
          }
        }
        case "content_block_delta" -> {
          JsonNode delta = data.path("delta");
          if ("text_delta".equals(delta.path("type").asText())) {
            return delta.path("text").asText("");
          }
        }
        case "message_delta" -> {
          JsonNode stop = data.path("delta").path("stop_reason");
          if (stop.isTextual()) {
            state.finishReason = stop.asText();
          }
          JsonNode u = data.path("usage");
          if (u.has("output_tokens")) {
            state.outputTokens = u.path("output_tokens").asInt();
          }
          if (u.has("input_tokens")) {
            state.inputTokens = u.path("input_tokens").asInt();
          }
        }
        case "message_stop" -> state.done = true;
        case "error" -> {
          ProviderError error = ProviderError.find(data);
          state.error =
              error != null
                  ? classifier.classifyInBand(error)
                  : new Outcome.Transient("error event without details");
        }
        default -> {
          // ping, content_block_start, content_block_stop: nothing to take
        }
      }
      return null;
    }
  }
}
