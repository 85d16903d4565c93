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
 * An Anthropic Messages request body (docs.anthropic.com/en/api/messages, read 2026-11-01), read
 * into the router's {@link ChatRequest}: the system prompt, messages of text, image, {@code
 * tool_use} and {@code tool_result} blocks, tools and tool choice, stop sequences, temperature,
 * top_p and top_k. Prompt-caching marks ({@code cache_control}) and {@code metadata} change nothing
 * in the answer and are ignored; a field the gateway cannot honour (extended thinking, server
 * tools, MCP servers, documents) is refused. docs/gateway.md lists every field.
 *
 * @param route the route the {@code model} field names
 * @param stream answer as server-sent events
 * @param needs what a target must take to honour the request, each with the field that asks it
 */
record MessagesRequest(ChatRequest chat, String route, boolean stream, List<RouteFit.Need> needs)
    implements GatewayRequest {

  /** What {@code count_tokens} reads when no {@code max_tokens} comes: it counts input only. */
  private static final int COUNT_ONLY = 1;

  static MessagesRequest read(InputStream body, String userId, boolean counting)
      throws IOException {
    return from(Fields.body(body), userId, counting);
  }

  /**
   * @param counting for {@code count_tokens}: {@code max_tokens} and {@code stream} are not part of
   *     that request
   */
  static MessagesRequest from(JsonNode root, String userId, boolean counting) {
    String model = Fields.text(root, "model");
    if (model == null || model.isBlank()) {
      throw GatewayException.badRequest("model", "model: must name a route, e.g. 'default'");
    }
    Integer maxTokens = Fields.positive(root, "max_tokens");
    if (maxTokens == null && !counting) {
      throw GatewayException.badRequest("max_tokens", "max_tokens: Field required");
    }
    boolean stream = !counting && Fields.flag(root, "stream", "stream");
    refuseUnservable(root);
    List<RouteFit.Need> needs = new ArrayList<>();
    String system = system(root.get("system"));
    List<Message> messages = messages(root.get("messages"), needs);
    List<Tool> tools = tools(root.get("tools"));
    ToolChoice choice = null;
    Boolean parallel = null;
    JsonNode tc = root.get("tool_choice");
    if (tc != null && !tc.isNull()) {
      choice = toolChoice(tc);
      JsonNode disable = tc.get("disable_parallel_tool_use");
      if (disable != null && !disable.isNull()) {
        if (!disable.isBoolean()) {
          throw GatewayException.badRequest(
              "tool_choice.disable_parallel_tool_use",
              "tool_choice.disable_parallel_tool_use: must be true or false");
        }
        parallel = !disable.booleanValue();
      }
    }
    if (!tools.isEmpty() || messages.stream().anyMatch(m -> m.role() == Role.TOOL)) {
      needs.add(new RouteFit.Need.Capability(Feature.TOOLS, "tools"));
    }
    Sampling sampling =
        new Sampling(
            Fields.number(root, "temperature", 0, 1),
            Fields.number(root, "top_p", 0, 1),
            Fields.stops(root, "stop_sequences", Integer.MAX_VALUE, false),
            null,
            null,
            null);
    for (Feature f : sampling.features()) {
      needs.add(
          new RouteFit.Need.Capability(f, f == Feature.STOP ? "stop_sequences" : f.wireName()));
    }
    Extras extras = Extras.NONE;
    Long topK = Fields.integer(root, "top_k");
    if (topK != null) {
      if (topK <= 0) {
        throw GatewayException.badRequest("top_k", "top_k: must be a positive integer");
      }
      // Anthropic's own: no OpenAI-protocol target has it
      extras = extras.with(Protocol.ANTHROPIC, "top_k", root.get("top_k"));
      needs.add(new RouteFit.Need.OfProtocol(Protocol.ANTHROPIC, "top_k"));
    }
    try {
      ChatRequest chat =
          new ChatRequest(
              system,
              messages,
              maxTokens == null ? COUNT_ONLY : maxTokens,
              ResponseFormat.TEXT,
              model,
              null,
              Set.of(),
              Map.of(ChatRequest.TAG_USER, userId),
              tools,
              choice,
              parallel,
              sampling,
              extras);
      return new MessagesRequest(chat, model, stream, List.copyOf(needs));
    } catch (IllegalArgumentException e) {
      // tool results that answer no tool_use of the turn before, a choice naming no tool …
      throw GatewayException.badRequest("messages", "messages: " + e.getMessage());
    }
  }

  /** A string, or an array of text blocks (their {@code cache_control} marks ignored). */
  private static String system(JsonNode system) {
    if (system == null || system.isNull()) {
      return null;
    }
    if (system.isTextual()) {
      return system.textValue().isEmpty() ? null : system.textValue();
    }
    if (!system.isArray()) {
      throw GatewayException.badRequest(
          "system", "system: must be a string or an array of text blocks");
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < system.size(); i++) {
      JsonNode b = system.get(i);
      if (!"text".equals(Fields.text(b, "type")) || !b.path("text").isTextual()) {
        throw GatewayException.badRequest(
            "system." + i, "system." + i + ": must be a text block {\"type\":\"text\",\"text\"}");
      }
      if (!s.isEmpty()) {
        s.append("\n\n");
      }
      s.append(b.get("text").textValue());
    }
    return s.isEmpty() ? null : s.toString();
  }

  /**
   * User turns: text and images, or tool results (which the router carries as tool messages,
   * followed by any text of the same turn); assistant turns: text and {@code tool_use} blocks.
   */
  private static List<Message> messages(JsonNode array, List<RouteFit.Need> needs) {
    if (array == null || !array.isArray() || array.isEmpty()) {
      throw GatewayException.badRequest("messages", "messages: must be a non-empty array");
    }
    List<Message> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode m = array.get(i);
      String where = "messages." + i;
      if (!m.isObject()) {
        throw GatewayException.badRequest(where, where + ": must be an object");
      }
      String role = Fields.text(m, "role");
      JsonNode content = m.get("content");
      switch (role == null ? "" : role) {
        case "user" -> user(content, where, out, needs);
        case "assistant" -> out.add(assistant(content, where));
        default ->
            throw GatewayException.badRequest(
                where + ".role", where + ".role: must be user or assistant, was '" + role + "'");
      }
    }
    if (out.getLast().role() == Role.ASSISTANT) {
      throw GatewayException.badRequest(
          "messages",
          "messages: the last message must be the user's: a trailing assistant message (a"
              + " prefill) is not supported by this gateway");
    }
    return out;
  }

  private static void user(
      JsonNode content, String where, List<Message> out, List<RouteFit.Need> needs) {
    if (content != null && content.isTextual()) {
      out.add(Message.user(content.textValue()));
      return;
    }
    if (content == null || !content.isArray()) {
      throw GatewayException.badRequest(
          where + ".content", where + ".content: must be a string or an array of blocks");
    }
    List<Part> parts = new ArrayList<>();
    for (int j = 0; j < content.size(); j++) {
      JsonNode b = content.get(j);
      String at = where + ".content." + j;
      String type = b.isObject() ? Fields.text(b, "type") : null;
      switch (type == null ? "" : type) {
        case "text" -> parts.add(new Part.Text(text(b, at)));
        case "image" -> {
          parts.add(Images.fromSource(b.path("source"), at));
          if (needs.stream().noneMatch(n -> n.param().endsWith(".image"))) {
            needs.add(new RouteFit.Need.Capability(Feature.VISION, at + ".image"));
          }
        }
        case "tool_result" -> {
          if (!parts.isEmpty()) {
            throw GatewayException.badRequest(
                at,
                at
                    + ": tool_result blocks must come first in the content array, before any other"
                    + " content");
          }
          String id = Fields.requiredText(b, "tool_use_id", at + ".tool_use_id");
          JsonNode isError = b.get("is_error");
          if (isError != null && !isError.isNull() && !isError.isBoolean()) {
            throw GatewayException.badRequest(
                at + ".is_error", at + ".is_error: must be true or false");
          }
          out.add(
              Message.toolResult(
                  id, resultText(b.get("content"), at), isError != null && isError.asBoolean()));
        }
        default ->
            throw GatewayException.badRequest(
                at,
                at
                    + ": must be a text, image or tool_result block"
                    + (type == null ? "" : " ('" + type + "' is not supported)"));
      }
    }
    if (!parts.isEmpty()) {
      out.add(Message.user(parts));
    }
  }

  /** A tool's result: a string, or text blocks (an image in a result is not supported). */
  private static String resultText(JsonNode content, String at) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.textValue();
    }
    if (!content.isArray()) {
      throw GatewayException.badRequest(
          at + ".content", at + ".content: must be a string or an array of text blocks");
    }
    StringBuilder s = new StringBuilder();
    for (int k = 0; k < content.size(); k++) {
      JsonNode b = content.get(k);
      if (!"text".equals(Fields.text(b, "type"))) {
        throw GatewayException.badRequest(
            at + ".content." + k,
            at + ".content." + k + ": a tool result is taken as text blocks only");
      }
      s.append(text(b, at + ".content." + k));
    }
    return s.toString();
  }

  private static String text(JsonNode block, String at) {
    JsonNode t = block.get("text");
    if (t == null || !t.isTextual()) {
      throw GatewayException.badRequest(at + ".text", at + ".text: must be a string");
    }
    return t.textValue();
  }

  /**
   * The assistant's text and {@code tool_use} blocks; its earlier thinking blocks are left out of
   * the conversation, as Anthropic itself leaves them out of earlier turns.
   */
  private static Message assistant(JsonNode content, String where) {
    if (content != null && content.isTextual()) {
      return Message.assistant(content.textValue());
    }
    if (content == null || !content.isArray()) {
      throw GatewayException.badRequest(
          where + ".content", where + ".content: must be a string or an array of blocks");
    }
    StringBuilder text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    for (int j = 0; j < content.size(); j++) {
      JsonNode b = content.get(j);
      String at = where + ".content." + j;
      String type = b.isObject() ? Fields.text(b, "type") : null;
      switch (type == null ? "" : type) {
        case "text" -> text.append(text(b, at));
        case "tool_use" -> {
          JsonNode input = b.get("input");
          if (input == null || !input.isObject()) {
            throw GatewayException.badRequest(at + ".input", at + ".input: must be an object");
          }
          calls.add(
              new ToolCall(
                  Fields.requiredText(b, "id", at + ".id"),
                  Fields.requiredText(b, "name", at + ".name"),
                  input.toString()));
        }
        case "thinking", "redacted_thinking" -> {
          // not carried: no other protocol has them, and they do not change the next answer
        }
        default ->
            throw GatewayException.badRequest(
                at,
                at
                    + ": must be a text or tool_use block"
                    + (type == null ? "" : " ('" + type + "' is not supported)"));
      }
    }
    return calls.isEmpty()
        ? Message.assistant(text.toString())
        : Message.assistant(text.toString(), calls);
  }

  /** {@code [{"name","description","input_schema"}]}; Anthropic's server tools are refused. */
  private static List<Tool> tools(JsonNode array) {
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw GatewayException.badRequest("tools", "tools: must be an array");
    }
    List<Tool> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode t = array.get(i);
      String at = "tools." + i;
      if (!t.isObject()) {
        throw GatewayException.badRequest(at, at + ": must be an object");
      }
      String type = Fields.text(t, "type");
      if (type != null && !type.equals("custom")) {
        throw GatewayException.badRequest(
            at + ".type",
            at
                + ".type: '"
                + type
                + "' is one of Anthropic's server tools, which the gateway does not run");
      }
      JsonNode schema = t.get("input_schema");
      if (schema == null || !schema.isObject()) {
        throw GatewayException.badRequest(
            at + ".input_schema", at + ".input_schema: must be a JSON Schema object");
      }
      JsonNode description = t.get("description");
      if (description != null && !description.isNull() && !description.isTextual()) {
        throw GatewayException.badRequest(
            at + ".description", at + ".description: must be a string");
      }
      try {
        out.add(
            new Tool(
                Fields.requiredText(t, "name", at + ".name"),
                description == null ? null : description.textValue(),
                schema));
      } catch (IllegalArgumentException e) {
        throw GatewayException.badRequest(at + ".name", at + ".name: " + e.getMessage());
      }
    }
    return out;
  }

  /** {@code {"type":"auto"|"any"|"tool"|"none", "name"}}. */
  private static ToolChoice toolChoice(JsonNode c) {
    String type = c.isObject() ? Fields.text(c, "type") : null;
    return switch (type == null ? "" : type) {
      case "auto" -> ToolChoice.AUTO;
      case "any" -> ToolChoice.REQUIRED;
      case "none" -> ToolChoice.NONE;
      case "tool" -> ToolChoice.named(Fields.requiredText(c, "name", "tool_choice.name"));
      default ->
          throw GatewayException.badRequest(
              "tool_choice.type",
              "tool_choice.type: must be auto, any, tool or none, was '" + type + "'");
    };
  }

  /** Fields whose promise the gateway cannot keep on every route: refused, not ignored. */
  private static void refuseUnservable(JsonNode root) {
    JsonNode thinking = root.get("thinking");
    if (thinking != null
        && !thinking.isNull()
        && !"disabled".equals(Fields.text(thinking, "type"))) {
      throw GatewayException.badRequest(
          "thinking",
          "thinking: extended thinking is not supported by this gateway (send"
              + " {\"type\":\"disabled\"} or leave it out)");
    }
    for (String name : new String[] {"mcp_servers", "container", "context_management"}) {
      if (Fields.present(root, name)) {
        throw GatewayException.badRequest(name, name + ": is not supported by this gateway");
      }
    }
  }
}
