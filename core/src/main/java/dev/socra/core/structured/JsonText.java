package dev.socra.core.structured;

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
    // Each '{' in turn may open the object ("Using {curly} notation: {...}"); text after the
    // object is ignored by the parser.
    for (int start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
      try (var parser = JSON.getFactory().createParser(text.substring(start))) {
        JsonNode node = JSON.readTree(parser);
        if (node != null && node.isObject()) {
          return Optional.of(node);
        }
      } catch (java.io.IOException e) {
        // not an object here: try the next brace
      }
    }
    return Optional.empty();
  }
}
