package dev.socra.llm.testkit;

import java.util.HashMap;
import java.util.Map;

/**
 * Tool calls a model makes on command: {@code scriptToolCall(model, name, arguments)} makes every
 * request to that model which offers the tool, and whose conversation ends with the user's turn,
 * answer by calling it. A request that ends with the tool's result gets an ordinary answer, so a
 * round trip (ask, call, result, answer) needs no more scripting.
 */
final class ToolScripts {
  /** The tool and the arguments the model calls it with. */
  record Call(String name, String arguments) {}

  private final Map<String, Call> byModel = new HashMap<>();

  synchronized void set(String model, String name, String arguments) {
    if (model == null || model.isEmpty()) {
      throw new IllegalArgumentException("model is required");
    }
    if (name == null) {
      byModel.remove(model);
      return;
    }
    if (arguments == null) {
      arguments = "{}";
    }
    try {
      if (!Json.parse(arguments.getBytes(java.nio.charset.StandardCharsets.UTF_8)).isObject()) {
        throw new IllegalArgumentException("arguments must be a JSON object");
      }
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("arguments must be a JSON object: " + e.getMessage());
    }
    byModel.put(model, new Call(name, arguments));
  }

  /** The call a request to {@code model} makes now, or null. */
  synchronized Call next(ChatRequest request) {
    Call c = byModel.get(request.model());
    if (c == null
        || request.toolResult() != null
        || !request.tools().contains(c.name())
        || "none".equals(request.toolChoice())) {
      return null;
    }
    return c;
  }

  synchronized void reset() {
    byModel.clear();
  }
}
