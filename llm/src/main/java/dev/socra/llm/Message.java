package dev.socra.llm;

import java.util.List;
import java.util.Objects;

/**
 * One turn of a conversation: its content in order (text, images), and for the assistant the tools
 * it asked for, for a tool's result the call it answers.
 *
 * @param parts text and images, in order; may be empty for an assistant turn that only calls tools
 * @param toolCalls the tools an assistant turn asked for; empty otherwise
 * @param toolCallId for a {@link Role#TOOL} message, the {@link ToolCall#id} it answers; else null
 * @param toolError a tool result that reports the tool failed (Anthropic's {@code is_error}; OpenAI
 *     has no such flag, and gets the text alone)
 */
public record Message(
    Role role, List<Part> parts, List<ToolCall> toolCalls, String toolCallId, boolean toolError) {

  public Message {
    Objects.requireNonNull(role, "role");
    parts = List.copyOf(parts);
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
      throw new IllegalArgumentException("only an assistant message calls tools");
    }
    if ((role == Role.TOOL) != (toolCallId != null)) {
      throw new IllegalArgumentException("a tool message, and only one, names the call it answers");
    }
    if (role != Role.USER && parts.stream().anyMatch(p -> p instanceof Part.Image)) {
      throw new IllegalArgumentException("only a user message carries images");
    }
  }

  /** A message of text alone. */
  public Message(Role role, String content) {
    this(
        role,
        List.of(new Part.Text(Objects.requireNonNull(content, "content"))),
        null,
        null,
        false);
  }

  public static Message user(String content) {
    return new Message(Role.USER, content);
  }

  public static Message user(List<Part> parts) {
    return new Message(Role.USER, parts, null, null, false);
  }

  public static Message assistant(String content) {
    return new Message(Role.ASSISTANT, content);
  }

  /** An assistant turn that asked for tools, with the text it wrote first ("" for none). */
  public static Message assistant(String content, List<ToolCall> toolCalls) {
    List<Part> parts =
        content == null || content.isEmpty() ? List.of() : List.of(new Part.Text(content));
    return new Message(Role.ASSISTANT, parts, toolCalls, null, false);
  }

  /** The caller's result of the tool call {@code toolCallId}. */
  public static Message toolResult(String toolCallId, String content, boolean error) {
    return new Message(
        Role.TOOL,
        List.of(new Part.Text(Objects.requireNonNull(content, "content"))),
        null,
        Objects.requireNonNull(toolCallId, "toolCallId"),
        error);
  }

  /** The text of the message, its text parts joined. */
  public String content() {
    if (parts.size() == 1 && parts.getFirst() instanceof Part.Text t) {
      return t.text();
    }
    StringBuilder s = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Part.Text t) {
        s.append(t.text());
      }
    }
    return s.toString();
  }

  /** The images of the message, in order. */
  public List<Part.Image> images() {
    return parts.stream().filter(Part.Image.class::isInstance).map(Part.Image.class::cast).toList();
  }

  /** True when the message is only text. */
  public boolean textOnly() {
    return toolCalls.isEmpty() && parts.stream().allMatch(Part.Text.class::isInstance);
  }
}
