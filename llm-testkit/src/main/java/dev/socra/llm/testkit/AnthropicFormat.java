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
    for (JsonNode message : messages) {
      String text = Content.text(message.path("content"));
      inputTokens += Answers.words(text) + 1;
      if ("user".equals(message.path("role").asText())) {
        lastUser = text;
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
        "max_tokens");
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
    if (!c.text().isEmpty()) {
      ((com.fasterxml.jackson.databind.node.ArrayNode) root.get("content"))
          .addObject()
          .put("type", "text")
          .put("text", c.text());
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

  @Override
  public SseEvent token(Completion c, String token) {
    ObjectNode delta = Json.object().put("type", "content_block_delta").put("index", 0);
    delta.putObject("delta").put("type", "text_delta").put("text", token);
    return SseEvent.named("content_block_delta", delta);
  }

  @Override
  public List<SseEvent> closing(Completion c, boolean terminator) {
    List<SseEvent> events = new ArrayList<>();
    events.add(
        SseEvent.named(
            "content_block_stop", Json.object().put("type", "content_block_stop").put("index", 0)));
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
