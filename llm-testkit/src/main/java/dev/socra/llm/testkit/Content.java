package dev.socra.llm.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Message content as text: both APIs accept a string or an array of typed parts. */
final class Content {

  private Content() {}

  static String text(JsonNode content) {
    if (content == null || content.isNull() || content.isMissingNode()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (content.isArray()) {
      List<String> parts = new ArrayList<>();
      for (JsonNode part : content) {
        if (part.isTextual()) {
          parts.add(part.asText());
        } else if (part.path("text").isTextual()) {
          parts.add(part.path("text").asText());
        }
      }
      return String.join("\n", parts);
    }
    return "";
  }

  /** A non-negative integer field, or 0 when absent; a present non-integer is invalid. */
  static int count(JsonNode body, String field) throws InvalidRequest {
    JsonNode node = body.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return 0;
    }
    if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 0) {
      throw new InvalidRequest(field + ": Input should be a valid non-negative integer");
    }
    return node.asInt();
  }
}
