package dev.socra.llm.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OpenAI Chat Completions wire format, as OpenAI, Groq and Gemini's compatible API speak it,
 * each validating requests as its real API does ({@link OpenAiRules}). Groq spells its rate-limit
 * headers differently (its request headers count per day) and adds {@code x_groq} to stream chunks;
 * Gemini wraps its errors in an array.
 */
final class OpenAiFormat implements WireFormat {

  static final OpenAiFormat INSTANCE = new OpenAiFormat(Flavour.OPENAI);

  /** Served under Groq's path, {@code /openai/v1/chat/completions}. */
  static final OpenAiFormat GROQ = new OpenAiFormat(Flavour.GROQ);

  /** Served under Gemini's path, {@code /v1beta/openai/chat/completions}. */
  static final OpenAiFormat GEMINI = new OpenAiFormat(Flavour.GEMINI);

  private final Flavour flavour;
  private final boolean groq;

  private static final String FINGERPRINT = "fp_socra_fake";

  /** What OpenAI's models say in {@code refusal} when they will not answer. */
  static final String REFUSAL = "I'm sorry, but I can't help with that.";

  private OpenAiFormat(Flavour flavour) {
    this.flavour = flavour;
    this.groq = flavour == Flavour.GROQ;
  }

  @Override
  public String protocol() {
    return "openai";
  }

  @Override
  public boolean authPresent(RawRequest request) {
    String key = apiKey(request);
    return key != null && !key.isBlank();
  }

  @Override
  public String apiKey(RawRequest request) {
    String auth = request.header("authorization");
    return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7) : null;
  }

  @Override
  public Reply keyRejected(String key) {
    return OpenAiErrors.keyRejected(key);
  }

  @Override
  public Reply authError(RawRequest request) {
    return authPresent(request) ? null : OpenAiErrors.missingKey();
  }

  @Override
  public ChatRequest parse(JsonNode body) throws InvalidRequest {
    if (!body.isObject()) {
      throw new InvalidRequest(
          "We could not parse the JSON body of your request. (HINT: This likely means you aren't"
              + " using your HTTP library correctly. The OpenAI API expects a JSON payload, but"
              + " what was sent was not valid JSON.)");
    }
    String model = body.path("model").asText("");
    if (model.isEmpty()) {
      throw new InvalidRequest("you must provide a model parameter");
    }
    OpenAiRules.check(flavour, body, model);
    JsonNode messages = body.path("messages");
    if (!messages.isArray()) {
      throw new InvalidRequest("Missing required parameter: 'messages'.");
    }
    if (messages.isEmpty()) {
      throw new InvalidRequest("[] is too short - 'messages'");
    }
    int inputTokens = 0;
    String lastUser = "";
    List<String> system = new ArrayList<>();
    List<String> trailingResults = new ArrayList<>();
    int images = 0;
    for (JsonNode message : messages) {
      String text = Content.text(message.path("content"));
      inputTokens += Answers.words(text) + 1;
      String role = message.path("role").asText();
      if ("tool".equals(role)) {
        trailingResults.add(text);
        continue;
      }
      trailingResults.clear();
      if ("user".equals(role)) {
        lastUser = text;
        for (JsonNode part : message.path("content")) {
          if ("image_url".equals(part.path("type").asText())) {
            images++;
          }
        }
      } else if ("system".equals(role) || "developer".equals(role)) {
        system.add(text);
      }
    }
    List<String> tools = new ArrayList<>();
    for (JsonNode tool : body.path("tools")) {
      tools.add(tool.path("function").path("name").asText(""));
      inputTokens += Answers.words(tool.toString());
    }
    JsonNode choice = body.path("tool_choice");
    String toolChoice =
        choice.isTextual() ? choice.asText() : choice.path("function").path("name").asText("");
    java.util.Map<String, Object> sampling = new java.util.LinkedHashMap<>();
    for (String p :
        new String[] {
          "temperature", "top_p", "stop", "seed", "presence_penalty", "frequency_penalty"
        }) {
      if (body.has(p) && !body.get(p).isNull()) {
        sampling.put(p, Json.MAPPER.convertValue(body.get(p), Object.class));
      }
    }
    JsonNode last = messages.get(messages.size() - 1);
    String prefill =
        "assistant".equals(last.path("role").asText()) ? Content.text(last.path("content")) : null;
    int maxTokens = Content.count(body, "max_completion_tokens");
    if (maxTokens == 0) {
      maxTokens = Content.count(body, "max_tokens");
    }
    String format = body.path("response_format").path("type").asText("");
    String asked =
        format.equals("json_schema")
                && body.path("response_format").path("json_schema").path("strict").asBoolean()
            ? "json_schema strict"
            : format.isEmpty() || format.equals("text") ? "text" : format;
    String tokenField =
        body.has("max_completion_tokens")
            ? "max_completion_tokens"
            : body.has("max_tokens") ? "max_tokens" : "";
    return new ChatRequest(
        model,
        body.path("stream").asBoolean(false),
        maxTokens,
        inputTokens,
        lastUser,
        prefill,
        body.path("stream_options").path("include_usage").asBoolean(false),
        format.equals("json_object") || format.equals("json_schema"),
        String.join("\n", system),
        asked,
        tokenField,
        tools,
        toolChoice,
        trailingResults.isEmpty() ? null : String.join("\n", trailingResults),
        sampling,
        images);
  }

  @Override
  public Reply invalidRequest(String message) {
    return flavour == Flavour.GEMINI
        ? GeminiErrors.reply(400, message)
        : OpenAiErrors.invalid(message);
  }

  @Override
  public int statusForCode(String code) {
    return OpenAiErrors.statusForCode(code);
  }

  @Override
  public Reply statusError(int status, Directives directives, String model, java.time.Instant now) {
    if (flavour == Flavour.GEMINI && !directives.has("gemini-retry")) {
      return new Reply(
              status,
              Map.of(),
              "application/json",
              Json.bytes(GeminiErrors.wrapped(status, geminiMessage(status, directives))))
          .withHeaders(RetryHeaders.of(directives, now));
    }
    return OpenAiErrors.status(status, directives, model, now);
  }

  private static String geminiMessage(int status, Directives d) {
    if ("content_filter".equals(d.get("code"))) {
      return "The request was blocked by the safety system: prompt blocked for SAFETY.";
    }
    return switch (status) {
      case 400 -> "Request contains an invalid argument.";
      case 403 -> "The caller does not have permission";
      case 404 -> "models/x is not found for API version v1beta.";
      case 503 -> "The model is overloaded. Please try again later.";
      default -> "An internal error has occurred. Please retry or report.";
    };
  }

  @Override
  public Reply prefillRejected(boolean trailingWhitespace) {
    return invalidRequest(
        "Expected last message role to be one of: [user, tool], but got assistant.");
  }

  @Override
  public Reply rateLimited(Admission admission, String model) {
    if (flavour == Flavour.GEMINI) {
      String delay = (Math.max(1, admission.retryAfterMillis() / 1000)) + "s";
      return Reply.json(
              429,
              GeminiErrors.quota(
                  Directives.baseModel(model), admission.perDay() ? "day" : "minute", delay))
          .withHeaders(limitHeaders(admission));
    }
    return OpenAiErrors.rateLimited(admission, model, limitHeaders(admission));
  }

  /** Gemini's 429 for a spent quota ({@code gemini-quota=day|zero|minute}). */
  Reply geminiQuota(String model, String kind) {
    return Reply.json(429, GeminiErrors.quota(Directives.baseModel(model), kind, "25s"));
  }

  @Override
  public Map<String, String> limitHeaders(Admission admission) {
    return groq ? LimitHeaders.groq(admission) : LimitHeaders.openAi(admission);
  }

  @Override
  public Reply errorIn200(int status, String model) {
    return OpenAiErrors.errorIn200(status);
  }

  @Override
  public Map<String, String> responseHeaders() {
    return Map.of("x-request-id", Ids.random("req_", 32));
  }

  @Override
  public String newId() {
    return Ids.random("chatcmpl-", 29);
  }

  @Override
  public byte[] completion(Completion c) {
    ObjectNode root = Json.object();
    root.put("id", c.id());
    root.put("object", "chat.completion");
    root.put("created", c.created());
    root.put("model", c.model());
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    if (!c.calls().isEmpty()) {
      // a tool call's answer: content null, the calls with their arguments as a JSON string
      // (openai-python types/chat/chat_completion_message_tool_call.py)
      message.putNull("content");
      message.putNull("refusal");
      var calls = message.putArray("tool_calls");
      for (PlannedCall call : c.calls()) {
        ObjectNode tc = calls.addObject().put("id", call.id()).put("type", "function");
        tc.putObject("function").put("name", call.name()).put("arguments", call.arguments());
      }
    } else if (c.refusal()) {
      // Structured Outputs: a refusal comes in its own field, content null
      // (openai-python types/chat/chat_completion_message.py, ChatCompletionMessage.refusal)
      message.putNull("content");
      message.put("refusal", c.text());
    } else {
      message.put("content", c.text());
      message.putNull("refusal");
    }
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason(c));
    if (c.usage()) {
      root.set("usage", usage(c));
    }
    root.put("system_fingerprint", FINGERPRINT);
    return Json.bytes(root);
  }

  @Override
  public List<SseEvent> opening(Completion c) {
    ObjectNode delta = Json.object().put("role", "assistant").put("content", "");
    delta.putNull("refusal");
    ObjectNode first = chunk(c, delta, null);
    if (groq) {
      // Groq sends x_groq.id in the first and the final chunk (groq-python
      // types/chat/chat_completion_chunk.py, XGroq)
      first.putObject("x_groq").put("id", "req_" + c.id());
    }
    return List.of(SseEvent.data(Json.text(first)));
  }

  @Override
  public List<SseEvent> piece(Completion c, Piece piece) {
    ObjectNode delta =
        switch (piece) {
          // a refusal streams as delta.refusal with no content (openai-python
          // types/chat/chat_completion_chunk.py, ChoiceDelta.refusal)
          case Piece.Text t ->
              c.refusal()
                  ? Json.object().put("refusal", t.token())
                  : Json.object().put("content", t.token());
          // a tool call streams as delta.tool_calls: its index, id, type and name first, its
          // arguments in pieces after (types/chat/chat_completion_chunk.py, ChoiceDeltaToolCall)
          case Piece.CallOpen o -> {
            ObjectNode d = Json.object();
            ObjectNode call =
                d.putArray("tool_calls")
                    .addObject()
                    .put("index", o.index())
                    .put("id", o.call().id())
                    .put("type", "function");
            call.putObject("function").put("name", o.call().name()).put("arguments", "");
            yield d;
          }
          case Piece.CallArguments a -> {
            ObjectNode d = Json.object();
            d.putArray("tool_calls")
                .addObject()
                .put("index", a.index())
                .putObject("function")
                .put("arguments", a.json());
            yield d;
          }
        };
    return List.of(SseEvent.data(Json.text(chunk(c, delta, null))));
  }

  @Override
  public String newCallId() {
    return Ids.random("call_", 24);
  }

  @Override
  public List<SseEvent> closing(Completion c, boolean terminator) {
    List<SseEvent> events = new ArrayList<>();
    ObjectNode finish = chunk(c, Json.object(), finishReason(c));
    if (groq && c.usage()) {
      // Groq's final chunk carries the usage in x_groq whether or not include_usage was asked
      finish.putObject("x_groq").put("id", "req_" + c.id()).set("usage", usage(c));
    }
    events.add(SseEvent.data(Json.text(finish)));
    if (c.includeStreamUsage()) {
      ObjectNode last = base(c);
      last.putArray("choices");
      last.set("usage", usage(c));
      events.add(SseEvent.data(Json.text(last)));
    }
    if (terminator) {
      events.add(SseEvent.data("[DONE]"));
    }
    return events;
  }

  @Override
  public SseEvent inbandError(String type, Directives directives, String echoedKey) {
    String message = OpenAiErrors.inbandMessage(type);
    if (echoedKey != null) {
      message += " " + OpenAiErrors.incorrectKey(echoedKey);
    }
    ObjectNode body = OpenAiErrors.body(message, type, null, directives.get("code"));
    return SseEvent.data(Json.text(body));
  }

  @Override
  public int finishEvent() {
    return 0;
  }

  @Override
  public SseEvent stoppedEarly(Completion c, String why) {
    if (!groq) {
      return SseEvent.data(Json.text(OpenAiErrors.body(why, "server_error", null, null)));
    }
    // Groq: "An error string indicating why a stream was stopped early" (groq-python XGroq.error)
    ObjectNode last = base(c);
    last.putArray("choices");
    last.putObject("x_groq").put("id", "req_" + c.id()).put("error", why);
    return SseEvent.data(Json.text(last));
  }

  @Override
  public int statusForInbandType(String type) {
    return switch (type) {
      case "rate_limit_error", "requests", "tokens" -> 429;
      case "invalid_request_error" -> 400;
      case "overloaded_error" -> 503;
      default -> 500;
    };
  }

  @Override
  public String malformedEvent() {
    return "data: {not json\n\n";
  }

  private static String finishReason(Completion c) {
    if (!c.calls().isEmpty()) {
      return "tool_calls";
    }
    return c.truncated() ? "length" : "stop";
  }

  private static ObjectNode usage(Completion c) {
    return Json.object()
        .put("prompt_tokens", c.inputTokens())
        .put("completion_tokens", c.outputTokens())
        .put("total_tokens", c.inputTokens() + c.outputTokens());
  }

  private static ObjectNode base(Completion c) {
    ObjectNode root = Json.object();
    root.put("id", c.id());
    root.put("object", "chat.completion.chunk");
    root.put("created", c.created());
    root.put("model", c.model());
    root.put("system_fingerprint", FINGERPRINT);
    return root;
  }

  /** With include_usage, OpenAI sends {@code "usage":null} on every chunk but the last. */
  private static ObjectNode chunk(Completion c, ObjectNode delta, String finishReason) {
    ObjectNode root = base(c);
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    if (c.includeStreamUsage()) {
      root.putNull("usage");
    }
    return root;
  }
}
