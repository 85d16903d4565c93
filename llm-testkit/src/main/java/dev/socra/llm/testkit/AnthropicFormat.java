package dev.socra.llm.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Anthropic Messages wire format. */
final class AnthropicFormat implements WireFormat {

  static final AnthropicFormat INSTANCE = new AnthropicFormat();

  private AnthropicFormat() {}

  @Override
  public String protocol() {
    return "anthropic";
  }

  @Override
  public boolean authPresent(RawRequest request) {
    String key = apiKey(request);
    return key != null && !key.isBlank();
  }

  @Override
  public String apiKey(RawRequest request) {
    return request.header("x-api-key");
  }

  @Override
  public Reply keyRejected(String key) {
    return AnthropicErrors.reply(401, "authentication_error", AnthropicErrors.invalidKey(key));
  }

  /** The real API checks the key first (401), then the version header (400). */
  @Override
  public Reply authError(RawRequest request) {
    if (!authPresent(request)) {
      return AnthropicErrors.reply(401, "authentication_error", "x-api-key header is required");
    }
    String version = request.header("anthropic-version");
    if (version == null || version.isBlank()) {
      return AnthropicErrors.reply(
          400, "invalid_request_error", "anthropic-version: header is required");
    }
    return null;
  }

  @Override
  public ChatRequest parse(JsonNode body) throws InvalidRequest {
    if (!body.isObject()) {
      throw new InvalidRequest(
          "There was an issue with your request body: the request body must be a JSON object.");
    }
    String model = body.path("model").asText("");
    if (model.isEmpty()) {
      throw new InvalidRequest("model: Field required");
    }
    if (!body.path("max_tokens").isIntegralNumber()) {
      throw new InvalidRequest("max_tokens: Field required");
    }
    int maxTokens = Content.count(body, "max_tokens");
    JsonNode messages = body.path("messages");
    if (!messages.isArray()) {
      throw new InvalidRequest("messages: Field required");
    }
    if (messages.isEmpty()) {
      throw new InvalidRequest("messages: at least one message is required");
    }
    AnthropicRules.check(body, model);
    String system = Content.text(body.path("system"));
    int inputTokens = Answers.words(system);
    String lastUser = "";
    String toolResult = null;
    int images = 0;
    for (JsonNode message : messages) {
      String text = Content.text(message.path("content"));
      inputTokens += Answers.words(text) + 1;
      if ("user".equals(message.path("role").asText())) {
        List<String> results = new ArrayList<>();
        for (JsonNode block : message.path("content")) {
          switch (block.path("type").asText()) {
            case "tool_result" -> results.add(Content.text(block.path("content")));
            case "image" -> images++;
            default -> {}
          }
        }
        if (!text.isEmpty() || results.isEmpty()) {
          lastUser = text;
        }
        toolResult = results.isEmpty() || !text.isEmpty() ? null : String.join("\n", results);
      }
    }
    List<String> tools = new ArrayList<>();
    for (JsonNode tool : body.path("tools")) {
      tools.add(tool.path("name").asText(""));
      inputTokens += Answers.words(tool.toString());
    }
    JsonNode choice = body.path("tool_choice");
    String type = choice.path("type").asText("");
    String toolChoice =
        switch (type) {
          case "any" -> "required";
          case "tool" -> choice.path("name").asText("");
          default -> type;
        };
    java.util.Map<String, Object> sampling = new java.util.LinkedHashMap<>();
    for (String p : new String[] {"temperature", "top_p", "top_k", "stop_sequences"}) {
      if (body.has(p) && !body.get(p).isNull()) {
        sampling.put(p, Json.MAPPER.convertValue(body.get(p), Object.class));
      }
    }
    JsonNode last = messages.get(messages.size() - 1);
    String prefill =
        "assistant".equals(last.path("role").asText()) ? Content.text(last.path("content")) : null;
    return new ChatRequest(
        model,
        body.path("stream").asBoolean(false),
        maxTokens,
        inputTokens,
        lastUser,
        prefill,
        true,
        false,
        system,
        "text",
        "max_tokens",
        tools,
        toolChoice,
        prefill == null ? toolResult : null,
        sampling,
        images);
  }

  @Override
  public Reply invalidRequest(String message) {
    return AnthropicErrors.reply(400, "invalid_request_error", message);
  }

  @Override
  public int statusForCode(String code) {
    return AnthropicErrors.statusForCode(code);
  }

  @Override
  public Reply statusError(int status, Directives directives, String model, java.time.Instant now) {
    return AnthropicErrors.status(status, directives, model, now);
  }

  @Override
  public Reply prefillRejected(boolean trailingWhitespace) {
    return invalidRequest(
        trailingWhitespace
            ? "messages: final assistant content cannot end with trailing whitespace"
            : "This model does not support assistant message prefill. The conversation must end"
                + " with a user message.");
  }

  @Override
  public Reply rateLimited(Admission admission, String model) {
    return AnthropicErrors.rateLimited(admission, limitHeaders(admission));
  }

  @Override
  public Map<String, String> limitHeaders(Admission admission) {
    return LimitHeaders.anthropic(admission);
  }

  @Override
  public Reply errorIn200(int status, String model) {
    return AnthropicErrors.errorIn200(status, model);
  }

  @Override
  public Map<String, String> responseHeaders() {
    return Map.of("request-id", Ids.random("req_011", 21));
  }

  @Override
  public String newId() {
    return Ids.random("msg_01", 22);
  }

  @Override
  public byte[] completion(Completion c) {
    ObjectNode root = message(c);
    com.fasterxml.jackson.databind.node.ArrayNode content =
        (com.fasterxml.jackson.databind.node.ArrayNode) root.get("content");
    if (!c.text().isEmpty()) {
      content.addObject().put("type", "text").put("text", c.text());
    }
    for (PlannedCall call : c.calls()) {
      // tool_use: id, name, and the input as an object (docs.anthropic.com/en/api/messages)
      content
          .addObject()
          .put("type", "tool_use")
          .put("id", call.id())
          .put("name", call.name())
          .set("input", Json.parseObject(call.arguments()));
    }
    root.put("stop_reason", stopReason(c));
    if (c.usage()) {
      root.set("usage", usage(c.inputTokens(), c.outputTokens()));
    }
    return Json.bytes(root);
  }

  @Override
  public List<SseEvent> opening(Completion c) {
    ObjectNode message = message(c);
    message.putNull("stop_reason");
    if (c.usage()) {
      message.set("usage", usage(c.inputTokens(), 1));
    }
    ObjectNode start = Json.object().put("type", "message_start");
    start.set("message", message);
    ObjectNode block = Json.object().put("type", "content_block_start").put("index", 0);
    block.putObject("content_block").put("type", "text").put("text", "");
    return List.of(
        SseEvent.named("message_start", start),
        SseEvent.named("content_block_start", block),
        SseEvent.named("ping", Json.object().put("type", "ping")));
  }

  /**
   * Text in block 0, tool call k in block k + 1: each tool_use block is opened with its id and name
   * and an empty input, then its input comes as {@code input_json_delta} pieces
   * (docs.anthropic.com/en/docs/build-with-claude/streaming, "Streaming request with tool use").
   */
  @Override
  public List<SseEvent> piece(Completion c, Piece piece) {
    return switch (piece) {
      case Piece.Text t -> {
        ObjectNode delta = Json.object().put("type", "content_block_delta").put("index", 0);
        delta.putObject("delta").put("type", "text_delta").put("text", t.token());
        yield List.of(SseEvent.named("content_block_delta", delta));
      }
      case Piece.CallOpen o -> {
        ObjectNode start =
            Json.object().put("type", "content_block_start").put("index", o.index() + 1);
        ObjectNode block =
            start
                .putObject("content_block")
                .put("type", "tool_use")
                .put("id", o.call().id())
                .put("name", o.call().name());
        block.putObject("input");
        yield List.of(blockStop(o.index()), SseEvent.named("content_block_start", start));
      }
      case Piece.CallArguments a -> {
        ObjectNode delta =
            Json.object().put("type", "content_block_delta").put("index", a.index() + 1);
        delta.putObject("delta").put("type", "input_json_delta").put("partial_json", a.json());
        yield List.of(SseEvent.named("content_block_delta", delta));
      }
    };
  }

  private static SseEvent blockStop(int index) {
    return SseEvent.named(
        "content_block_stop", Json.object().put("type", "content_block_stop").put("index", index));
  }

  @Override
  public String newCallId() {
    return Ids.random("toolu_01", 22);
  }

  @Override
  public List<SseEvent> closing(Completion c, boolean terminator) {
    List<SseEvent> events = new ArrayList<>();
    events.add(blockStop(c.calls().size()));
    ObjectNode delta = Json.object().put("type", "message_delta");
    delta.putObject("delta").put("stop_reason", stopReason(c)).putNull("stop_sequence");
    if (c.usage()) {
      delta.putObject("usage").put("output_tokens", c.outputTokens());
    }
    events.add(SseEvent.named("message_delta", delta));
    if (terminator) {
      events.add(SseEvent.named("message_stop", Json.object().put("type", "message_stop")));
    }
    return events;
  }

  @Override
  public SseEvent inbandError(String type, Directives directives, String echoedKey) {
    String message = AnthropicErrors.messageFor(type, "");
    if (echoedKey != null) {
      message += " (" + AnthropicErrors.invalidKey(echoedKey) + ")";
    }
    ObjectNode body = Json.object().put("type", "error");
    body.putObject("error").put("type", type).put("message", message);
    return SseEvent.named("error", body);
  }

  @Override
  public int finishEvent() {
    return 1;
  }

  @Override
  public SseEvent stoppedEarly(Completion c, String why) {
    ObjectNode body = Json.object().put("type", "error");
    body.putObject("error").put("type", "api_error").put("message", why);
    return SseEvent.named("error", body);
  }

  @Override
  public int statusForInbandType(String type) {
    return switch (type) {
      case "rate_limit_error" -> 429;
      case "invalid_request_error" -> 400;
      case "overloaded_error" -> 529;
      default -> 500;
    };
  }

  @Override
  public String malformedEvent() {
    return "event: content_block_delta\ndata: {not json\n\n";
  }

  private static String stopReason(Completion c) {
    if (!c.calls().isEmpty()) {
      return "tool_use";
    }
    if (c.refusal()) {
      // Claude 4 models stop a refused answer with stop_reason "refusal"
      // (docs.anthropic.com/en/docs/test-and-evaluate/strengthen-guardrails/handle-streaming-refusals)
      return "refusal";
    }
    return c.truncated() ? "max_tokens" : "end_turn";
  }

  /** The message envelope shared by the response and message_start; content filled by callers. */
  private static ObjectNode message(Completion c) {
    ObjectNode root = Json.object();
    root.put("id", c.id());
    root.put("type", "message");
    root.put("role", "assistant");
    root.put("model", c.model());
    root.putArray("content");
    root.putNull("stop_reason");
    root.putNull("stop_sequence");
    return root;
  }

  private static ObjectNode usage(int input, int output) {
    return Json.object()
        .put("input_tokens", input)
        .put("cache_creation_input_tokens", 0)
        .put("cache_read_input_tokens", 0)
        .put("output_tokens", output);
  }
}
