package dev.socra.llm;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of a conversation with tools that both APIs enforce, checked once when a request is
 * made so that no target is asked what every target would refuse: an assistant turn that called
 * tools is followed by one result for each of its calls before anything else (OpenAI: "An assistant
 * message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'",
 * platform.openai.com/docs/guides/function-calling; Anthropic: each {@code tool_result} answers a
 * {@code tool_use} of the message before, docs.anthropic.com/en/docs/
 * agents-and-tools/tool-use/implement-tool-use); a result answers a call of that turn; tool names
 * are unique; a named or required choice needs tools.
 */
final class ToolConversation {
  private ToolConversation() {}

  static void check(List<Message> messages, List<Tool> tools, ToolChoice choice) {
    Set<String> names = new HashSet<>();
    for (Tool t : tools) {
      if (!names.add(t.name())) {
        throw new IllegalArgumentException("two tools are named '" + t.name() + "'");
      }
    }
    if (choice instanceof ToolChoice.Named n && !names.contains(n.name())) {
      throw new IllegalArgumentException(
          "the tool choice names '" + n.name() + "', which is not one of the tools");
    }
    if (choice instanceof ToolChoice.Required && tools.isEmpty()) {
      throw new IllegalArgumentException("a tool call is required, but no tools are given");
    }
    Set<String> open = new LinkedHashSet<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (m.role() == Role.TOOL) {
        if (!open.remove(m.toolCallId())) {
          throw new IllegalArgumentException(
              "message "
                  + i
                  + " is the result of tool call '"
                  + m.toolCallId()
                  + "', which the assistant turn before it did not make");
        }
        continue;
      }
      if (!open.isEmpty()) {
        throw new IllegalArgumentException(
            "message "
                + i
                + " comes before the results of tool calls "
                + open
                + ": each call of an assistant turn is answered right after it");
      }
      for (ToolCall c : m.toolCalls()) {
        if (!seen.add(c.id())) {
          throw new IllegalArgumentException("two tool calls have the id '" + c.id() + "'");
        }
        open.add(c.id());
      }
    }
    if (!open.isEmpty()) {
      throw new IllegalArgumentException("tool calls " + open + " have no result");
    }
  }
}
