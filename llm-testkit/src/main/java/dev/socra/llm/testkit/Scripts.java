package dev.socra.llm.testkit;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scripted replies per model name: texts given back in order (the last one repeating) instead of
 * the canonical answer. A model may have rules that apply only when the system prompt contains a
 * text, checked in the order added, and a plain script as the fallback. Each keeps its own place.
 */
final class Scripts {

  /** One reply list and the index of the next reply. */
  private static final class Script {
    private final List<String> replies;
    private int next;

    Script(List<String> replies) {
      this.replies = replies;
    }

    String take() {
      String reply = replies.get(next);
      next = Math.min(next + 1, replies.size() - 1);
      return reply;
    }
  }

  /** Per model, rules by the text the system prompt must contain; the null key is the fallback. */
  private final Map<String, LinkedHashMap<String, Script>> byModel = new HashMap<>();

  /**
   * Sets the replies for requests to {@code model} whose system prompt contains {@code
   * systemContains} (null: the fallback for all of them), starting from the first; null replies
   * remove that script. Replacing a rule keeps its place in the order.
   */
  synchronized void set(String model, String systemContains, List<String> replies) {
    if (model == null || model.isEmpty()) {
      throw new IllegalArgumentException("model is required");
    }
    if (replies == null) {
      Map<String, Script> rules = byModel.get(model);
      if (rules != null) {
        rules.remove(systemContains);
        if (rules.isEmpty()) {
          byModel.remove(model);
        }
      }
      return;
    }
    if (replies.isEmpty()) {
      throw new IllegalArgumentException("replies must not be empty (null removes the script)");
    }
    List<String> copy = List.copyOf(replies); // rejects null replies
    byModel
        .computeIfAbsent(model, m -> new LinkedHashMap<>())
        .put(systemContains, new Script(copy));
  }

  /** The next scripted reply for this request, or null when no script applies. */
  synchronized String next(String model, String system) {
    Map<String, Script> rules = byModel.get(model);
    if (rules == null) {
      return null;
    }
    for (Map.Entry<String, Script> rule : rules.entrySet()) {
      if (rule.getKey() != null && system.contains(rule.getKey())) {
        return rule.getValue().take();
      }
    }
    Script fallback = rules.get(null);
    return fallback == null ? null : fallback.take();
  }

  synchronized void reset() {
    byModel.clear();
  }
}
