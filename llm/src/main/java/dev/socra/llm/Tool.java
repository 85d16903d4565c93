package dev.socra.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tool the model may ask the caller to run: OpenAI's {@code function} tool, Anthropic's custom
 * tool. The router never runs it; it passes the model's request ({@link ToolCall}) back.
 *
 * @param name what the model calls it: letters, digits, {@code _} and {@code -}, at most 64 (the
 *     rule both APIs share: platform.openai.com/docs/api-reference/chat/create, {@code
 *     tools[].function.name}; docs.anthropic.com/en/api/messages, {@code tools[].name})
 * @param description what it does, for the model; may be null
 * @param parameters a JSON Schema object for its arguments; an object taking nothing when null
 */
public record Tool(String name, String description, JsonNode parameters) {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  public Tool {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a tool's name is 1 to 64 letters, digits, '_' or '-', was '" + name + "'");
    }
    if (parameters == null || parameters.isNull()) {
      ObjectNode none = JsonNodeFactory.instance.objectNode().put("type", "object");
      none.putObject("properties");
      parameters = none;
    }
    if (!parameters.isObject()) {
      throw new IllegalArgumentException("a tool's parameters must be a JSON Schema object");
    }
    parameters = parameters.deepCopy();
  }
}
