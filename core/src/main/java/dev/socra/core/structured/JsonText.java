package dev.socra.core.structured;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * Finds the JSON object in what a model wrote: models wrap it in code fences or a sentence more
 * often than a strict parser forgives.
 */
public final class JsonText {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonText() {}

  /** The first top-level JSON object in the text, or empty when there is none. */
  public static Optional<JsonNode> extract(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int start = text.indexOf('{');
    int end = text.lastIndexOf('}');
    while (start >= 0 && end > start) {
      try {
        JsonNode node = JSON.readTree(text.substring(start, end + 1));
        if (node != null && node.isObject()) {
          return Optional.of(node);
        }
      } catch (JsonProcessingException e) {
        // try a shorter span: the object may end before the last brace
      }
      end = text.lastIndexOf('}', end - 1);
    }
    return Optional.empty();
  }
}
