package dev.socra.llm.outcome;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The error object a provider sent, flattened from its own shape: OpenAI's {@code {"error":{...}}},
 * Anthropic's {@code {"type":"error","error":{...}}}, Gemini's array-rooted {@code
 * [{"error":{...}}]}.
 *
 * @param code a numeric status carried in the body, 0 when absent (OpenRouter puts one in a 200)
 * @param type the provider's error type or code word, e.g. {@code overloaded_error}, {@code
 *     context_length_exceeded}; empty when absent
 */
public record ProviderError(int code, String type, String message, JsonNode body) {

  /** Finds an error object in a parsed body; null when the body carries none. */
  public static ProviderError find(JsonNode body) {
    if (body == null) {
      return null;
    }
    JsonNode root = body.isArray() && !body.isEmpty() ? body.get(0) : body;
    JsonNode error = root.path("error");
    if (error.isMissingNode() || error.isNull()) {
      return null;
    }
    if (error.isTextual()) {
      return new ProviderError(0, "", error.asText(), body);
    }
    JsonNode codeNode = error.path("code");
    int code = codeNode.isNumber() ? codeNode.asInt() : parseIntOrZero(codeNode.asText(""));
    StringBuilder type = new StringBuilder();
    for (String field : new String[] {"type", "status"}) {
      String v = error.path(field).asText("");
      if (!v.isEmpty()) {
        type.append(type.isEmpty() ? "" : " ").append(v);
      }
    }
    if (codeNode.isTextual() && code == 0) {
      type.append(type.isEmpty() ? "" : " ").append(codeNode.asText());
    }
    return new ProviderError(code, type.toString(), error.path("message").asText(""), body);
  }

  private static int parseIntOrZero(String s) {
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  public boolean typeContains(String word) {
    return type.contains(word);
  }

  /** "type: message", for an outcome's detail. */
  public String describe() {
    if (type.isEmpty()) {
      return message;
    }
    return message.isEmpty() ? type : type + ": " + message;
  }
}
