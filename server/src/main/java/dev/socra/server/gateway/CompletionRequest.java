package dev.socra.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.Extras;
import dev.socra.llm.Message;
import dev.socra.llm.Part;
import dev.socra.llm.ResponseFormat;
import dev.socra.llm.Role;
import dev.socra.llm.Sampling;
import dev.socra.llm.Tool;
import dev.socra.llm.ToolCall;
import dev.socra.llm.ToolChoice;
import dev.socra.llm.config.Feature;
import dev.socra.llm.config.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An OpenAI chat-completions request body, read into the router's {@link ChatRequest}: messages
 * with text, images, tool calls and tool results; tools and tool choice; the sampling parameters.
 * Fields that change nothing in the answer (user, metadata, store …) are ignored, as are fields the
 * API does not have; a field the gateway cannot honour (several choices, log probabilities, audio,
 * the old functions) is refused rather than silently dropped. docs/gateway.md lists every field.
 *
 * @param route the route the {@code model} field names
 * @param stream answer as server-sent events
 * @param includeUsage {@code stream_options.include_usage}: a usage chunk before {@code [DONE]}
 * @param needs what a target must take to honour the request, each with the field that asks it
 */
record CompletionRequest(
    ChatRequest chat, String route, boolean stream, boolean includeUsage, List<RouteFit.Need> needs)
    implements GatewayRequest {

  /** OpenAI allows at most four stop sequences (platform.openai.com/docs/api-reference/chat). */
  static final int MAX_STOPS = 4;

  /** Reads the body of a request made for {@code userId}; a bad body is a 400 naming the field. */
  static CompletionRequest read(InputStream body, String userId) throws IOException {
    return from(Fields.body(body), userId);
  }

  static CompletionRequest from(JsonNode root, String userId) {
    String model = Fields.text(root, "model");
    if (model == null || model.isBlank()) {
      throw GatewayException.badRequest("model", "'model' must name a route, e.g. 'default'");
    }
    List<RouteFit.Need> needs = new ArrayList<>();
    StringBuilder system = new StringBuilder();
    List<Message> messages = messages(root.get("messages"), system, needs);
    int maxTokens = maxTokens(root);
    boolean stream = Fields.flag(root, "stream", "stream");
    JsonNode options = root.get("stream_options");
    boolean includeUsage =
        options != null
            && options.isObject()
            && Fields.flag(options, "include_usage", "stream_options.include_usage");
    refuseUnservable(root);
    List<Tool> tools = tools(root.get("tools"));
    ToolChoice choice = toolChoice(root.get("tool_choice"));
    Boolean parallel = Fields.optionalFlag(root, "parallel_tool_calls", "parallel_tool_calls");
    if (!tools.isEmpty() || messages.stream().anyMatch(m -> m.role() == Role.TOOL)) {
      needs.add(new RouteFit.Need.Capability(Feature.TOOLS, "tools"));
    }
    Sampling sampling = sampling(root, needs);
    Extras extras = extras(root, needs);
    try {
      ChatRequest chat =
          new ChatRequest(
              system.isEmpty() ? null : system.toString(),
              messages,
              maxTokens,
              format(root.get("response_format")),
              model,
              null,
              Set.of(),
              Map.of(ChatRequest.TAG_USER, userId),
              tools,
              choice,
              parallel,
              sampling,
              extras);
      return new CompletionRequest(chat, model, stream, includeUsage, List.copyOf(needs));
    } catch (IllegalArgumentException e) {
      // the conversation's tool calls and results do not pair up, a choice names no tool …
      throw GatewayException.badRequest("messages", e.getMessage());
    }
  }

  /**
   * System and developer messages join the one system prompt the router sends; user messages carry
   * text and images; assistant messages text and tool calls; tool messages a tool's result.
   */
  private static List<Message> messages(
      JsonNode array, StringBuilder system, List<RouteFit.Need> needs) {
    if (array == null || !array.isArray() || array.isEmpty()) {
      throw GatewayException.badRequest("messages", "'messages' must be a non-empty array");
    }
    List<Message> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode m = array.get(i);
      String where = "messages[" + i + "]";
      if (!m.isObject()) {
        throw GatewayException.badRequest(where, where + " must be an object");
      }
      String role = Fields.text(m, "role");
      switch (role == null ? "" : role) {
        case "system", "developer" -> {
          if (!system.isEmpty()) {
            system.append("\n\n");
          }
          system.append(text(m.get("content"), where));
        }
        case "user" -> out.add(user(m.get("content"), where, needs));
        case "assistant" -> out.add(assistant(m, where));
        case "tool" -> {
          String id = Fields.requiredText(m, "tool_call_id", where + ".tool_call_id");
          out.add(Message.toolResult(id, text(m.get("content"), where), false));
        }
        default ->
            throw GatewayException.badRequest(
                where + ".role",
                where
                    + ".role must be system, developer, user, assistant or tool, was '"
                    + role
                    + "'");
      }
    }
    if (out.isEmpty() || out.getLast().role() == Role.ASSISTANT) {
      throw GatewayException.badRequest(
          "messages",
          "the last message (after any system messages) must be the user's or a tool's result");
    }
    return out;
  }

  /** A string, or OpenAI's array of {@code {"type":"text","text":...}} parts, joined. */
  private static String text(JsonNode content, String where) {
    if (content != null && content.isTextual()) {
      return content.textValue();
    }
    if (content == null || !content.isArray()) {
      throw GatewayException.badRequest(
          where + ".content", where + ".content must be a string or an array of text parts");
    }
    StringBuilder text = new StringBuilder();
    for (int j = 0; j < content.size(); j++) {
      JsonNode part = content.get(j);
      if (!"text".equals(Fields.text(part, "type")) || !part.path("text").isTextual()) {
        throw GatewayException.badRequest(
            where + ".content[" + j + "]",
            where + ".content[" + j + "] must be {\"type\":\"text\",\"text\":\"...\"}");
      }
      text.append(part.get("text").textValue());
    }
    return text.toString();
  }

  /** A user's content: a string, or text and {@code image_url} parts in order. */
  private static Message user(JsonNode content, String where, List<RouteFit.Need> needs) {
    if (content != null && content.isTextual()) {
      return Message.user(content.textValue());
    }
    if (content == null || !content.isArray()) {
      throw GatewayException.badRequest(
          where + ".content", where + ".content must be a string or an array of parts");
    }
    List<Part> parts = new ArrayList<>(content.size());
    for (int j = 0; j < content.size(); j++) {
      JsonNode part = content.get(j);
      String at = where + ".content[" + j + "]";
      String type = part.isObject() ? Fields.text(part, "type") : null;
      if ("text".equals(type) && part.path("text").isTextual()) {
        String t = part.get("text").textValue();
        if (!parts.isEmpty() && parts.getLast() instanceof Part.Text before) {
          parts.set(parts.size() - 1, new Part.Text(before.text() + t)); // joined, as before
        } else {
          parts.add(new Part.Text(t));
        }
      } else if ("image_url".equals(type) && part.path("image_url").isObject()) {
        JsonNode image = part.get("image_url");
        parts.add(
            Images.fromUrl(
                Fields.text(image, "url"), Fields.text(image, "detail"), at + ".image_url.url"));
        if (needs.stream().noneMatch(n -> n.param().endsWith("image_url"))) {
          needs.add(new RouteFit.Need.Capability(Feature.VISION, at + ".image_url"));
        }
      } else {
        throw GatewayException.badRequest(
            at,
            at
                + " must be a text or image_url part"
                + (type == null ? "" : " ('" + type + "' is not supported)"));
      }
    }
    return Message.user(parts);
  }

  /** An assistant's turn: its text (a string, text parts or null) and the tools it called. */
  private static Message assistant(JsonNode m, String where) {
    JsonNode content = m.get("content");
    String text = content == null || content.isNull() ? "" : text(content, where);
    JsonNode calls = m.get("tool_calls");
    if (calls == null || calls.isNull() || (calls.isArray() && calls.isEmpty())) {
      return Message.assistant(text);
    }
    if (!calls.isArray()) {
      throw GatewayException.badRequest(
          where + ".tool_calls", where + ".tool_calls must be an array");
    }
    List<ToolCall> out = new ArrayList<>(calls.size());
    for (int j = 0; j < calls.size(); j++) {
      JsonNode c = calls.get(j);
      String at = where + ".tool_calls[" + j + "]";
      if (!c.isObject() || !"function".equals(Fields.text(c, "type"))) {
        throw GatewayException.badRequest(
            at + ".type", at + " must be a tool call of type 'function'");
      }
      String id = Fields.requiredText(c, "id", at + ".id");
      JsonNode f = c.path("function");
      String name = Fields.requiredText(f, "name", at + ".function.name");
      JsonNode arguments = f.get("arguments");
      if (arguments != null && !arguments.isNull() && !arguments.isTextual()) {
        throw GatewayException.badRequest(
            at + ".function.arguments", at + ".function.arguments must be a JSON string");
      }
      out.add(new ToolCall(id, name, arguments == null ? null : arguments.textValue()));
    }
    return Message.assistant(text, out);
  }

  /** {@code [{"type":"function","function":{"name","description","parameters","strict"}}]}. */
  static List<Tool> tools(JsonNode array) {
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw GatewayException.badRequest("tools", "'tools' must be an array");
    }
    List<Tool> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode t = array.get(i);
      String at = "tools[" + i + "]";
      if (!t.isObject() || !"function".equals(Fields.text(t, "type"))) {
        throw GatewayException.badRequest(
            at + ".type", at + " must be a tool of type 'function' (the only kind taken)");
      }
      JsonNode f = t.path("function");
      if (!f.isObject()) {
        throw GatewayException.badRequest(at + ".function", at + ".function must be an object");
      }
      JsonNode description = f.get("description");
      if (description != null && !description.isNull() && !description.isTextual()) {
        throw GatewayException.badRequest(
            at + ".function.description", at + ".function.description must be a string");
      }
      JsonNode parameters = f.get("parameters");
      if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
        throw GatewayException.badRequest(
            at + ".function.parameters", at + ".function.parameters must be a JSON Schema object");
      }
      try {
        out.add(
            new Tool(
                Fields.requiredText(f, "name", at + ".function.name"),
                description == null ? null : description.textValue(),
                parameters));
      } catch (IllegalArgumentException e) {
        throw GatewayException.badRequest(at + ".function.name", e.getMessage());
      }
    }
    return out;
  }

  /** {@code auto}, {@code none}, {@code required}, or {@code {"type":"function",…}}. */
  private static ToolChoice toolChoice(JsonNode c) {
    if (c == null || c.isNull()) {
      return null;
    }
    if (c.isTextual()) {
      return switch (c.textValue()) {
        case "auto" -> ToolChoice.AUTO;
        case "none" -> ToolChoice.NONE;
        case "required" -> ToolChoice.REQUIRED;
        default ->
            throw GatewayException.badRequest(
                "tool_choice",
                "'tool_choice' must be auto, none, required or a named function, was '"
                    + c.textValue()
                    + "'");
      };
    }
    if (c.isObject() && "function".equals(Fields.text(c, "type"))) {
      String name = Fields.text(c.path("function"), "name");
      if (name != null && !name.isEmpty()) {
        return ToolChoice.named(name);
      }
    }
    throw GatewayException.badRequest(
        "tool_choice",
        "'tool_choice' must be auto, none, required or {\"type\":\"function\",\"function\":"
            + "{\"name\":\"...\"}}");
  }

  /** {@code max_completion_tokens} (OpenAI's current name) wins over {@code max_tokens}. */
  private static int maxTokens(JsonNode root) {
    for (String name : new String[] {"max_completion_tokens", "max_tokens"}) {
      Integer n = Fields.positive(root, name);
      if (n != null) {
        return n;
      }
    }
    return ChatRequest.DEFAULT_MAX_TOKENS;
  }

  /** The sampling parameters, in OpenAI's ranges; each one set is something a target must take. */
  private static Sampling sampling(JsonNode root, List<RouteFit.Need> needs) {
    Sampling s =
        new Sampling(
            Fields.number(root, "temperature", 0, 2),
            Fields.number(root, "top_p", 0, 1),
            Fields.stops(root, "stop", MAX_STOPS, true),
            Fields.integer(root, "seed"),
            Fields.number(root, "presence_penalty", -2, 2),
            Fields.number(root, "frequency_penalty", -2, 2));
    for (Feature f : s.features()) {
      needs.add(new RouteFit.Need.Capability(f, f.wireName()));
    }
    return s;
  }

  /** OpenAI's own fields with no common name: passed to OpenAI-protocol targets as they are. */
  private static Extras extras(JsonNode root, List<RouteFit.Need> needs) {
    Extras extras = Extras.NONE;
    for (String name : new String[] {"reasoning_effort", "verbosity"}) {
      JsonNode v = root.get(name);
      if (v == null || v.isNull()) {
        continue;
      }
      if (!v.isTextual()) {
        throw GatewayException.badRequest(name, "'" + name + "' must be a string");
      }
      extras = extras.with(Protocol.OPENAI, name, v);
      needs.add(new RouteFit.Need.OfProtocol(Protocol.OPENAI, name));
    }
    return extras;
  }

  private static ResponseFormat format(JsonNode f) {
    if (f == null || f.isNull()) {
      return ResponseFormat.TEXT;
    }
    String type = Fields.text(f, "type");
    if ("text".equals(type)) {
      return ResponseFormat.TEXT;
    }
    if ("json_object".equals(type)) {
      return ResponseFormat.JSON;
    }
    if ("json_schema".equals(type)) {
      JsonNode js = f.path("json_schema");
      JsonNode schema = js.get("schema");
      if (schema == null || !schema.isObject()) {
        throw GatewayException.badRequest(
            "response_format.json_schema.schema",
            "response_format.json_schema.schema must be a JSON Schema object");
      }
      String name = Fields.text(js, "name");
      return new ResponseFormat.JsonSchema(
          name == null || name.isBlank() ? "response" : name, schema);
    }
    throw GatewayException.badRequest(
        "response_format.type",
        "response_format.type must be text, json_object or json_schema, was '" + type + "'");
  }

  /**
   * Fields a client relies on that the gateway cannot honour: refused, not ignored. One choice is
   * written; no log probabilities, audio or predicted output come back; the functions API before
   * tools is gone.
   */
  private static void refuseUnservable(JsonNode root) {
    JsonNode n = root.get("n");
    if (n != null && !n.isNull() && !(n.isIntegralNumber() && n.intValue() == 1)) {
      throw GatewayException.badRequest("n", "'n' must be 1: the gateway writes one choice");
    }
    for (String name : new String[] {"functions", "function_call"}) {
      if (Fields.present(root, name)) {
        throw GatewayException.badRequest(
            name, "'" + name + "' (the old functions API) is not supported: use 'tools'");
      }
    }
    if (root.path("logprobs").asBoolean(false) || Fields.present(root, "top_logprobs")) {
      throw GatewayException.badRequest(
          "logprobs", "'logprobs' cannot be honoured: the gateway returns no log probabilities");
    }
    JsonNode bias = root.get("logit_bias");
    if (bias != null && !bias.isNull() && !(bias.isObject() && bias.isEmpty())) {
      throw GatewayException.badRequest(
          "logit_bias", "'logit_bias' cannot be honoured: token ids differ between providers");
    }
    for (String name : new String[] {"audio", "prediction", "web_search_options"}) {
      if (Fields.present(root, name)) {
        throw GatewayException.badRequest(name, "'" + name + "' is not supported");
      }
    }
    JsonNode modalities = root.get("modalities");
    if (modalities != null && modalities.isArray()) {
      for (JsonNode m : modalities) {
        if (!"text".equals(m.asText())) {
          throw GatewayException.badRequest(
              "modalities", "'modalities' must be [\"text\"]: the gateway answers with text");
        }
      }
    }
  }
}
