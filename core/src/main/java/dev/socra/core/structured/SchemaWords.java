package dev.socra.core.structured;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A schema's constraints as short lines a small model reads more reliably than {@code $defs} and
 * {@code $ref}: how many items a list takes, the values an enum allows, a number's range. The
 * example beside them shows the shape; these say its limits.
 */
public final class SchemaWords {
  private SchemaWords() {}

  /** One line per constrained field, e.g. {@code scores[].score: a whole number from 0 to 10}. */
  public static List<String> rules(JsonNode schema) {
    List<String> out = new ArrayList<>();
    walk("", schema, schema, out, 0);
    return out;
  }

  private static void walk(
      String path, JsonNode schema, JsonNode root, List<String> out, int depth) {
    JsonNode s = schema;
    for (int hops = 0; s.has("$ref") && hops < 8; hops++) {
      s = root.at(s.path("$ref").asText().substring(1));
    }
    if (depth > 6) {
      return;
    }
    String type = s.path("type").asText("");
    if (s.has("enum")) {
      List<String> values = new ArrayList<>();
      s.path("enum").forEach(v -> values.add(v.asText()));
      out.add(path + ": one of " + String.join(", ", values));
      return;
    }
    switch (type) {
      case "integer", "number" -> {
        String kind = type.equals("integer") ? "a whole number" : "a number";
        if (s.has("minimum") && s.has("maximum")) {
          out.add(
              path
                  + ": "
                  + kind
                  + " from "
                  + plain(s.get("minimum"))
                  + " to "
                  + plain(s.get("maximum")));
        }
      }
      case "array" -> {
        Integer min = s.has("minItems") ? s.get("minItems").asInt() : null;
        Integer max = s.has("maxItems") ? s.get("maxItems").asInt() : null;
        if (min != null && min.equals(max)) {
          out.add(path + ": exactly " + min + " items");
        } else if (min != null && max != null) {
          out.add(path + ": " + min + " to " + max + " items");
        } else if (max != null) {
          out.add(path + ": at most " + max + " items");
        } else if (min != null && min > 0) {
          out.add(path + ": at least " + min + (min == 1 ? " item" : " items"));
        }
        walk(path + "[]", s.path("items"), root, out, depth + 1);
      }
      case "object" -> {
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> p = it.next();
          walk(
              path.isEmpty() ? p.getKey() : path + "." + p.getKey(),
              p.getValue(),
              root,
              out,
              depth + 1);
        }
      }
      default -> {
        // strings: the example shows them; blank ones are refused by the schema
      }
    }
  }

  private static String plain(JsonNode n) {
    return n.isIntegralNumber() ? String.valueOf(n.asLong()) : n.asText();
  }
}
