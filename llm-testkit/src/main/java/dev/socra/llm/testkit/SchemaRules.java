package dev.socra.llm.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the real APIs check in a {@code response_format} JSON schema, as each documents it.
 *
 * <ul>
 *   <li>OpenAI strict mode (platform.openai.com/docs/guides/structured-outputs, "Supported
 *       schemas", read 2026-11-01): the root is an object; every object sets {@code
 *       additionalProperties: false} and lists every property in {@code required}; keywords outside
 *       its subset (minLength, maxLength, allOf, …) are refused. Messages as OpenAI words them:
 *       "Invalid schema for response_format 'X': In context=('properties', 'a'), 'minLength' is not
 *       permitted."
 *   <li>Gemini (ai.google.dev/api/caching#Schema; googleapis.github.io/js-genai types.Schema, read
 *       2026-11-01): only the fields of its Schema object; {@code $ref}, {@code $defs}, {@code
 *       additionalProperties}, {@code const}, {@code $schema} are unknown names.
 * </ul>
 */
final class SchemaRules {
  static final Set<String> OPENAI_STRICT =
      Set.of(
          "type",
          "properties",
          "required",
          "additionalProperties",
          "items",
          "enum",
          "const",
          "anyOf",
          "$ref",
          "$defs",
          "definitions",
          "description",
          "title",
          "pattern",
          "format",
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "multipleOf",
          "minItems",
          "maxItems");

  static final Set<String> GEMINI =
      Set.of(
          "type",
          "format",
          "title",
          "description",
          "nullable",
          "enum",
          "items",
          "minItems",
          "maxItems",
          "properties",
          "required",
          "minProperties",
          "maxProperties",
          "minLength",
          "maxLength",
          "pattern",
          "minimum",
          "maximum",
          "anyOf",
          "propertyOrdering",
          "default",
          "example");

  private SchemaRules() {}

  /** OpenAI's strict-mode refusal of {@code schema}, or null when it is acceptable. */
  static String strictProblem(String name, JsonNode schema) {
    String prefix = "Invalid schema for response_format '" + name + "': ";
    if (!schema.isObject() || !"object".equals(schema.path("type").asText())) {
      return prefix
          + "schema must be a JSON Schema of 'type: \"object\"', got 'type: \""
          + schema.path("type").asText("None")
          + "\"'.";
    }
    String problem = strict(schema, new ArrayList<>());
    return problem == null ? null : prefix + problem;
  }

  private static String strict(JsonNode node, List<String> context) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        List<String> c = new ArrayList<>(context);
        c.add(Integer.toString(i));
        String p = strict(node.get(i), c);
        if (p != null) {
          return p;
        }
      }
      return null;
    }
    if (!node.isObject()) {
      return null;
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!OPENAI_STRICT.contains(field.getKey())) {
        return "In context=" + tuple(context) + ", '" + field.getKey() + "' is not permitted.";
      }
    }
    if (node.has("properties")) {
      JsonNode additional = node.path("additionalProperties");
      if (!(additional.isBoolean() && !additional.asBoolean())) {
        return "In context="
            + tuple(context)
            + ", 'additionalProperties' is required to be supplied and to be false.";
      }
      Set<String> required = new HashSet<>();
      node.path("required").forEach(r -> required.add(r.asText()));
      for (String property : iterable(node.get("properties").fieldNames())) {
        if (!required.contains(property)) {
          return "In context="
              + tuple(context)
              + ", 'required' is required to be supplied and to be an array including every key"
              + " in properties. Missing '"
              + property
              + "'.";
        }
      }
      for (Map.Entry<String, JsonNode> p : node.get("properties").properties()) {
        List<String> c = new ArrayList<>(context);
        c.add("properties");
        c.add(p.getKey());
        String problem = strict(p.getValue(), c);
        if (problem != null) {
          return problem;
        }
      }
    }
    for (String child : List.of("items", "anyOf")) {
      if (node.has(child)) {
        List<String> c = new ArrayList<>(context);
        c.add(child);
        String problem = strict(node.get(child), c);
        if (problem != null) {
          return problem;
        }
      }
    }
    for (String defs : List.of("$defs", "definitions")) {
      for (Map.Entry<String, JsonNode> d : node.path(defs).properties()) {
        List<String> c = new ArrayList<>(context);
        c.add(defs);
        c.add(d.getKey());
        String problem = strict(d.getValue(), c);
        if (problem != null) {
          return problem;
        }
      }
    }
    return null;
  }

  /** Gemini's refusal of {@code schema} (an unknown name and where), or null. */
  static String[] geminiProblem(JsonNode schema, String at) {
    if (!schema.isObject()) {
      return null;
    }
    for (Map.Entry<String, JsonNode> field : schema.properties()) {
      String key = field.getKey();
      if (!GEMINI.contains(key)) {
        return new String[] {key, at};
      }
    }
    if (schema.has("properties")) {
      int i = 0;
      for (Map.Entry<String, JsonNode> p : schema.get("properties").properties()) {
        String[] problem = geminiProblem(p.getValue(), at + ".properties[" + i++ + "].value");
        if (problem != null) {
          return problem;
        }
      }
    }
    if (schema.has("items")) {
      String[] problem = geminiProblem(schema.get("items"), at + ".items");
      if (problem != null) {
        return problem;
      }
    }
    int i = 0;
    for (JsonNode option : schema.path("anyOf")) {
      String[] problem = geminiProblem(option, at + ".any_of[" + i++ + "]");
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static String tuple(List<String> context) {
    if (context.isEmpty()) {
      return "()";
    }
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < context.size(); i++) {
      s.append(i == 0 ? "" : ", ").append('\'').append(context.get(i)).append('\'');
    }
    return s.append(context.size() == 1 ? ",)" : ")").toString();
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
    return () -> it;
  }
}
