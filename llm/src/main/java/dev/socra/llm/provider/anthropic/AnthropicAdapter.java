package dev.socra.llm.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.ToolCall;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Anthropic's Messages API: top-level system prompt, named SSE events, errors in-band. */
public final class AnthropicAdapter extends HttpAdapter {
  static final String API_VERSION = "2023-06-01";

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
    return AnthropicBody.of(ex).toString();
  }

  @Override
  protected AttemptResult parseComplete(int status, JsonNode body) {
    JsonNode content = body.path("content");
    if (!content.isArray()) {
      return AttemptResult.failed(
          new Outcome.Transient("malformed response: no content in the answer"), status);
    }
    StringBuilder text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode block : content) {
      switch (block.path("type").asText()) {
        case "text" -> text.append(block.path("text").asText(""));
        case "tool_use" ->
            calls.add(
                new ToolCall(
                    block.path("id").asText(""),
                    block.path("name").asText(""),
                    block.path("input").isObject() ? block.path("input").toString() : "{}"));
        default -> {
          // thinking and server tools' blocks: not part of the answer
        }
      }
    }
    String stop = finishReason(body.path("stop_reason").asText("end_turn"));
    if (FILTERED.contains(stop)) {
      return AttemptResult.failed(
          new Outcome.Refused("the provider withheld the answer: " + stop), status);
    }
    JsonNode u = body.path("usage");
    Usage usage =
        u.has("input_tokens")
            ? new Usage(u.path("input_tokens").asInt(), u.path("output_tokens").asInt(), false)
            : null;
    return new AttemptResult(new Outcome.Success(stop), status, text.toString(), usage, null, stop)
        .withToolCalls(calls);
  }

  /** {@code tool_use} is the router's {@code tool_calls}; the rest as Anthropic says them. */
  private static String finishReason(String stopReason) {
    return "tool_use".equals(stopReason) ? ChatResponse.TOOL_CALLS : stopReason;
  }

  @Override
  protected StreamDecoder newDecoder() {
    return new Decoder(classifier());
  }

  /**
   * {@code message_start} … {@code content_block_delta} … {@code message_delta}, {@code
   * message_stop}.
   */
  private static final class Decoder implements StreamDecoder {
    private final ErrorClassifier classifier;

    /** Content block index to tool call index: text blocks are numbered among them. */
    private final Map<Integer, Integer> toolBlocks = new HashMap<>();

    Decoder(ErrorClassifier classifier) {
      this.classifier = classifier;
    }

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
        case "content_block_start" -> {
          // a tool_use block opens a call: id and name first, its input in input_json_delta
          // pieces after (docs.anthropic.com/en/docs/build-with-claude/streaming, "Input JSON
          // delta")
          JsonNode block = data.path("content_block");
          if ("tool_use".equals(block.path("type").asText())) {
            int call = toolBlocks.size();
            toolBlocks.put(data.path("index").asInt(), call);
            state.toolCalls.open(call, block.path("id").asText(""), block.path("name").asText(""));
          }
        }
        case "content_block_delta" -> {
          JsonNode delta = data.path("delta");
          switch (delta.path("type").asText()) {
            case "text_delta" -> {
              return delta.path("text").asText("");
            }
            case "input_json_delta" -> {
              Integer call = toolBlocks.get(data.path("index").asInt());
              if (call != null) {
                state.toolCalls.append(call, delta.path("partial_json").asText(""));
              }
            }
            default -> {
              // thinking and signature deltas: not part of the answer
            }
          }
        }
        case "content_block_stop" -> {
          Integer call = toolBlocks.get(data.path("index").asInt());
          if (call != null && !state.toolCalls.hasArguments(call)) {
            // a tool that takes nothing is streamed without a piece of input: its arguments are {}
            state.toolCalls.append(call, "{}");
          }
        }
        case "message_delta" -> {
          JsonNode stop = data.path("delta").path("stop_reason");
          if (stop.isTextual()) {
            state.finishReason = finishReason(stop.asText());
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
          // ping: nothing to take
        }
      }
      return null;
    }
  }
}
