package dev.socra.core.structured;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * An example object built from a schema, for types that have no hand-written one: each string says
 * what goes there, each list holds as many items as it needs at least, each number is its minimum.
 */
final class SchemaExample {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SchemaExample() {}

  static JsonNode of(JsonNode schema) {
    return value("value", schema, schema, 0);
  }

  private static JsonNode value(String name, JsonNode schema, JsonNode root, int depth) {
    JsonNode s = schema;
    for (int hops = 0; s.has("$ref") && hops < 8; hops++) {
      s = root.at(s.path("$ref").asText().substring(1));
    }
    if (s.has("enum")) {
      return s.path("enum").get(0);
    }
    switch (s.path("type").asText("")) {
      case "integer" -> {
        return NODES.numberNode(s.path("minimum").asInt(0));
      }
      case "number" -> {
        return NODES.numberNode(s.path("minimum").asDouble(0));
      }
      case "boolean" -> {
        return NODES.booleanNode(false);
      }
      case "array" -> {
        ArrayNode a = NODES.arrayNode();
        int n = Math.max(1, s.path("minItems").asInt(1));
        for (int i = 0; i < n && depth < 6; i++) {
          a.add(value(name, s.path("items"), root, depth + 1));
        }
        return a;
      }
      case "object" -> {
        ObjectNode o = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> p = it.next();
          o.set(p.getKey(), value(p.getKey(), p.getValue(), root, depth + 1));
        }
        return o;
      }
      default -> {
        return NODES.textNode("<" + name + ">");
      }
    }
  }
}
