package dev.socra.llm;

import java.util.Objects;

/**
 * The model asks the caller to run a tool: OpenAI's {@code tool_calls[]} entry, Anthropic's {@code
 * tool_use} block. Also how an assistant message of the conversation so far says it asked.
 *
 * @param id the provider's id for it; the caller's result ({@link Message#toolResult}) names it
 * @param name the tool
 * @param arguments its arguments as JSON text, as the model wrote them (OpenAI sends them as text,
 *     which a model may have got wrong; Anthropic as an object); {@code {}} for none
 */
public record ToolCall(String id, String name, String arguments) {
  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    arguments = arguments == null || arguments.isBlank() ? "{}" : arguments;
  }
}
