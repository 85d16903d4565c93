package dev.socra.server.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.Message;
import dev.socra.llm.ResponseFormat;
import dev.socra.llm.Role;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An OpenAI chat-completions request body, read into the router's {@link ChatRequest}. Only what
 * the router can honour is read; other fields (temperature, top_p, stop, seed, user ...) are
 * ignored, as docs/gateway.md lists. Anything the gateway cannot serve faithfully (tool calls,
 * several choices, non-text content) is refused rather than silently dropped.
 *
 * @param route the route the {@code model} field names
 * @param stream answer as server-sent events
 * @param includeUsage {@code stream_options.include_usage}: a usage chunk before {@code [DONE]}
 */
record CompletionRequest(ChatRequest chat, String route, boolean stream, boolean includeUsage) {
  private static final ObjectMapper JSON = new ObjectMapper(OpenAiWire.JSON);

  /** Reads the body of a request made for {@code userId}; a bad body is a 400 naming the field. */
  static CompletionRequest read(InputStream body, String userId) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (StreamConstraintsException e) {
      String m = e.getMessage() == null ? "" : e.getMessage();
      if (m.contains("nesting depth")) {
        // a limit on structure, not size: the request is wrong, not too large
        throw GatewayException.badRequest(
            null,
            "the request body is nested deeper than "
                + OpenAiWire.JSON.streamReadConstraints().getMaxNestingDepth()
                + " levels");
      }
      throw new GatewayException(
          413,
          "invalid_request_error",
          "request_too_large",
          null,
          "the request body is larger than " + OpenAiWire.MAX_REQUEST_BYTES + " bytes");
    } catch (JsonProcessingException e) {
      throw GatewayException.badRequest(
          null, "the request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw GatewayException.badRequest(null, "the request body must be a JSON object");
    }
    return from(root, userId);
  }

  static CompletionRequest from(JsonNode root, String userId) {
    String model = text(root, "model");
    if (model == null || model.isBlank()) {
      throw GatewayException.badRequest("model", "'model' must name a route, e.g. 'default'");
    }
    StringBuilder system = new StringBuilder();
    List<Message> messages = messages(root.get("messages"), system);
    int maxTokens = maxTokens(root);
    boolean stream = flag(root, "stream", "stream");
    JsonNode options = root.get("stream_options");
    boolean includeUsage =
        options != null
            && options.isObject()
            && flag(options, "include_usage", "stream_options.include_usage");
    refuseUnservable(root);
    ChatRequest chat =
        new ChatRequest(
            system.isEmpty() ? null : system.toString(),
            messages,
            maxTokens,
            format(root.get("response_format")),
            model,
            null,
            Set.of(),
            Map.of(ChatRequest.TAG_USER, userId));
    return new CompletionRequest(chat, model, stream, includeUsage);
  }

  /** System and developer messages join the one system prompt the router sends. */
  private static List<Message> messages(JsonNode array, StringBuilder system) {
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
      String role = text(m, "role");
      String content = content(m.get("content"), where);
      switch (role == null ? "" : role) {
        case "system", "developer" -> {
          if (!system.isEmpty()) {
            system.append("\n\n");
          }
          system.append(content);
        }
        case "user" -> out.add(new Message(Role.USER, content));
        case "assistant" -> out.add(new Message(Role.ASSISTANT, content));
        default ->
            throw GatewayException.badRequest(
                where + ".role",
                where
                    + ".role must be system, developer, user or assistant, was '"
                    + role
                    + "' (tool messages are not supported)");
      }
    }
    if (out.isEmpty() || out.getLast().role() != Role.USER) {
      throw GatewayException.badRequest(
          "messages", "the last message (after any system messages) must be the user's");
    }
    return out;
  }

  /** A string, or OpenAI's array of {@code {"type":"text","text":...}} parts, joined. */
  private static String content(JsonNode content, String where) {
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
      if (!"text".equals(text(part, "type")) || !part.path("text").isTextual()) {
        throw GatewayException.badRequest(
            where + ".content[" + j + "]",
            where
                + ".content["
                + j
                + "] must be {\"type\":\"text\",\"text\":\"...\"}"
                + " (only text is supported)");
      }
      text.append(part.get("text").textValue());
    }
    return text.toString();
  }

  /** {@code max_completion_tokens} (OpenAI's current name) wins over {@code max_tokens}. */
  private static int maxTokens(JsonNode root) {
    for (String name : new String[] {"max_completion_tokens", "max_tokens"}) {
      JsonNode n = root.get(name);
      if (n == null || n.isNull()) {
        continue;
      }
      if (!n.canConvertToInt() || !n.isIntegralNumber() || n.intValue() <= 0) {
        throw GatewayException.badRequest(name, "'" + name + "' must be a positive integer");
      }
      return n.intValue();
    }
    return ChatRequest.DEFAULT_MAX_TOKENS;
  }

  private static ResponseFormat format(JsonNode f) {
    if (f == null || f.isNull()) {
      return ResponseFormat.TEXT;
    }
    String type = text(f, "type");
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
      String name = text(js, "name");
      return new ResponseFormat.JsonSchema(
          name == null || name.isBlank() ? "response" : name, schema);
    }
    throw GatewayException.badRequest(
        "response_format.type",
        "response_format.type must be text, json_object or json_schema, was '" + type + "'");
  }

  /** Fields a client relies on that the router cannot honour: refused, not ignored. */
  private static void refuseUnservable(JsonNode root) {
    JsonNode n = root.get("n");
    if (n != null && !n.isNull() && !(n.isIntegralNumber() && n.intValue() == 1)) {
      throw GatewayException.badRequest("n", "'n' must be 1: the gateway writes one choice");
    }
    for (String name : new String[] {"tools", "functions"}) {
      JsonNode t = root.get(name);
      if (t != null && t.isArray() && !t.isEmpty()) {
        throw GatewayException.badRequest(name, "'" + name + "' (tool calling) is not supported");
      }
    }
  }

  private static boolean flag(JsonNode node, String name, String param) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw GatewayException.badRequest(param, "'" + param + "' must be true or false");
    }
    return v.booleanValue();
  }

  private static String text(JsonNode node, String name) {
    JsonNode v = node.get(name);
    return v != null && v.isTextual() ? v.textValue() : null;
  }
}
