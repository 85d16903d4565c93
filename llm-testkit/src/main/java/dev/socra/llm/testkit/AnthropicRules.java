package dev.socra.llm.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Anthropic's Messages API refuses (read 2026-11-01), with its words:
 *
 * <ul>
 *   <li>a field it does not know: "X: Extra inputs are not permitted" (its request validation,
 *       docs.anthropic.com/en/api/messages lists the fields);
 *   <li>a trailing assistant message (a prefill) on Claude 4.6 and later: "This model does not
 *       support assistant message prefill. The conversation must end with a user message."
 *       (github.com/smallmain/vscode-unify-chat-provider/issues/249, claude-sonnet-4-6 in
 *       github.com/Tarquinen/opencode-dynamic-context-pruning/issues/520);
 *   <li>a {@code tool_result} whose {@code tool_use_id} names no {@code tool_use} of the message
 *       before: "messages.N.content.M: unexpected `tool_use_id` found in `tool_result` blocks: ID.
 *       Each `tool_result` block must have a corresponding `tool_use` block in the previous
 *       message." (docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use);
 *   <li>a {@code tool_use} without a {@code tool_result} in the next message: "messages.N:
 *       `tool_use` ids were found without `tool_result` blocks immediately after: ID. Each
 *       `tool_use` block must have a corresponding `tool_result` block in the next message." (the
 *       same page, and github.com/anthropics/claude-code/issues with that message); tool results
 *       after other content of their turn ("tool_result blocks must come first in the content
 *       array", the same page);
 *   <li>a missing {@code max_tokens}: "max_tokens: Field required".
 * </ul>
 */
final class AnthropicRules {
  static final Set<String> FIELDS =
      Set.of(
          "model",
          "messages",
          "max_tokens",
          "system",
          "metadata",
          "stop_sequences",
          "stream",
          "temperature",
          "top_k",
          "top_p",
          "tools",
          "tool_choice",
          "thinking",
          "service_tier",
          "container",
          "mcp_servers",
          "context_management");

  private static final Pattern CLAUDE =
      Pattern.compile("claude-(?:opus|sonnet|haiku)-(\\d+)(?:-(\\d{1,2}))?(?:-|$)");

  static final String NO_PREFILL =
      "This model does not support assistant message prefill. The conversation must end with a"
          + " user message.";

  private AnthropicRules() {}

  static void check(JsonNode body, String model) throws InvalidRequest {
    for (String name : iterable(body.fieldNames())) {
      if (!FIELDS.contains(name)) {
        throw new InvalidRequest(name + ": Extra inputs are not permitted");
      }
    }
    JsonNode messages = body.path("messages");
    JsonNode last = messages.get(messages.size() - 1);
    if ("assistant".equals(last.path("role").asText()) && bansPrefill(model)) {
      throw new InvalidRequest(NO_PREFILL);
    }
    for (int i = 0; i < messages.size(); i++) {
      Set<String> uses = new HashSet<>();
      if (i > 0) {
        for (JsonNode block : messages.get(i - 1).path("content")) {
          if ("tool_use".equals(block.path("type").asText())) {
            uses.add(block.path("id").asText());
          }
        }
      }
      JsonNode content = messages.get(i).path("content");
      Set<String> answered = new HashSet<>();
      boolean textSeen = false;
      for (int j = 0; j < content.size(); j++) {
        JsonNode block = content.get(j);
        String id = block.path("tool_use_id").asText("");
        boolean result = "tool_result".equals(block.path("type").asText());
        if (result && textSeen) {
          throw new InvalidRequest(
              "messages."
                  + i
                  + ".content."
                  + j
                  + ": tool_result blocks must come first in the content array, before any other"
                  + " content");
        }
        textSeen |= !result;
        if (result) {
          answered.add(id);
        }
        if (result && !uses.contains(id)) {
          throw new InvalidRequest(
              "messages."
                  + i
                  + ".content."
                  + j
                  + ": unexpected `tool_use_id` found in `tool_result` blocks: "
                  + id
                  + ". Each `tool_result` block must have a corresponding `tool_use` block in the"
                  + " previous message.");
        }
      }
      if (i > 0 && !uses.isEmpty() && !answered.containsAll(uses)) {
        Set<String> missing = new java.util.TreeSet<>(uses);
        missing.removeAll(answered);
        throw new InvalidRequest(
            "messages."
                + i
                + ": `tool_use` ids were found without `tool_result` blocks immediately after: "
                + String.join(", ", missing)
                + ". Each `tool_use` block must have a corresponding `tool_result` block in the"
                + " next message.");
      }
    }
  }

  /** Claude 4.6, 4.7 … and 5 onwards; a fake model name ("ok", directives) never does. */
  static boolean bansPrefill(String model) {
    Matcher m = CLAUDE.matcher(Directives.baseModel(model));
    if (!m.find()) {
      return false;
    }
    int major = Integer.parseInt(m.group(1));
    int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    return major > 4 || (major == 4 && minor >= 6);
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
    return () -> it;
  }
}
