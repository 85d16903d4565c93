package dev.socra.llm.provider.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fits a JSON Schema into a provider's documented subset, or says it cannot (then the caller falls
 * back to JSON mode and validates). Dropping a constraint the subset lacks ({@code minLength} in
 * strict mode, say) is safe: the caller validates every answer against the whole schema anyway.
 */
final class SchemaFit {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * Keywords OpenAI's strict mode takes (platform.openai.com/docs/guides/structured-outputs,
   * "Supported schemas", read 2026-11-01); others are dropped.
   */
  private static final Set<String> STRICT_KEYWORDS =
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

  /** Keywords strict mode cannot express: such a schema is sent without strict. */
  private static final Set<String> STRICT_BLOCKERS =
      Set.of(
          "allOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "patternProperties");

  /**
   * Gemini's Schema fields (ai.google.dev/api/caching#Schema; googleapis.github.io/js-genai
   * types.Schema, read 2026-11-01).
   */
  private static final Set<String> GEMINI_KEYWORDS =
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

  private static final Set<String> GEMINI_BLOCKERS = Set.of("allOf", "not", "if", "then", "else");

  private SchemaFit() {}

  /** {@code a-z, A-Z, 0-9, _ and -}, at most 64 characters, as OpenAI requires of the name. */
  static String name(String name) {
    String clean = name == null ? "" : name.replaceAll("[^A-Za-z0-9_-]", "_");
    if (clean.isEmpty()) {
      clean = "answer";
    }
    return clean.length() > 64 ? clean.substring(0, 64) : clean;
  }

  /**
   * The schema for strict mode: every object closed ({@code additionalProperties: false}) with
   * every property required, unsupported keywords dropped. Empty when it cannot be made so without
   * changing what it accepts (an optional property, an {@code allOf}, a root that is not an
   * object).
   */
  static Optional<JsonNode> strict(JsonNode schema) {
    if (schema == null || !schema.isObject() || !"object".equals(schema.path("type").asText())) {
      return Optional.empty();
    }
    ObjectNode copy = schema.deepCopy();
    return strictNode(copy) ? Optional.of(copy) : Optional.empty();
  }

  private static boolean strictNode(JsonNode node) {
    if (node.isArray()) {
      for (JsonNode item : node) {
        if (!strictNode(item)) {
          return false;
        }
      }
      return true;
    }
    if (!node.isObject()) {
      return true;
    }
    ObjectNode o = (ObjectNode) node;
    for (String blocker : STRICT_BLOCKERS) {
      if (o.has(blocker)) {
        return false;
      }
    }
    o.remove("$schema");
    o.retain(STRICT_KEYWORDS);
    if (o.has("properties")) {
      JsonNode additional = o.path("additionalProperties");
      if (!additional.isMissingNode() && !(additional.isBoolean() && !additional.asBoolean())) {
        return false; // open objects cannot be strict
      }
      o.put("additionalProperties", false);
      Set<String> required = new java.util.HashSet<>();
      o.path("required").forEach(r -> required.add(r.asText()));
      Iterator<String> names = o.get("properties").fieldNames();
      while (names.hasNext()) {
        if (!required.contains(names.next())) {
          return false; // an optional property: strict would make it required
        }
      }
      for (JsonNode property : o.get("properties")) {
        if (!strictNode(property)) {
          return false;
        }
      }
    }
    for (String child : new String[] {"items", "anyOf", "$defs", "definitions"}) {
      JsonNode c = o.get(child);
      if (c == null) {
        continue;
      }
      if (c.isObject() && (child.equals("$defs") || child.equals("definitions"))) {
        for (JsonNode def : c) {
          if (!strictNode(def)) {
            return false;
          }
        }
      } else if (!strictNode(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The schema in Gemini's subset: {@code $ref}s inlined from {@code $defs}, {@code
   * additionalProperties} and {@code $schema} dropped, {@code const} as a one-value {@code enum},
   * {@code ["string","null"]} as {@code nullable}, {@code oneOf} as {@code anyOf}, other unknown
   * keywords dropped. Empty for a recursive schema, an {@code allOf}, or enum values that are not
   * text.
   */
  static Optional<JsonNode> gemini(JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      return Optional.empty();
    }
    JsonNode defs = schema.has("$defs") ? schema.get("$defs") : schema.path("definitions");
    try {
      return Optional.of(geminiNode(schema, defs, new ArrayDeque<>()));
    } catch (Unfit e) {
      return Optional.empty();
    }
  }

  private static final class Unfit extends Exception {
    Unfit() {
      super(null, null, false, false);
    }
  }

  private static JsonNode geminiNode(JsonNode node, JsonNode defs, Deque<String> refs)
      throws Unfit {
    if (!node.isObject()) {
      return node.deepCopy();
    }
    for (String blocker : GEMINI_BLOCKERS) {
      if (node.has(blocker)) {
        throw new Unfit();
      }
    }
    if (node.has("$ref")) {
      String ref = node.get("$ref").asText();
      String name = ref.substring(ref.lastIndexOf('/') + 1);
      JsonNode target = defs.get(name);
      if (target == null || refs.contains(name)) {
        throw new Unfit(); // dangling or recursive: Gemini's schema has no references
      }
      refs.push(name);
      JsonNode inlined = geminiNode(target, defs, refs);
      refs.pop();
      if (node.has("description") && inlined.isObject()) {
        ((ObjectNode) inlined).set("description", node.get("description"));
      }
      return inlined;
    }
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      switch (key) {
        case "type" -> {
          if (value.isArray()) {
            String single = null;
            boolean nullable = false;
            for (JsonNode t : value) {
              if ("null".equals(t.asText())) {
                nullable = true;
              } else if (single == null) {
                single = t.asText();
              } else {
                throw new Unfit();
              }
            }
            if (single == null) {
              throw new Unfit();
            }
            out.put("type", single);
            if (nullable) {
              out.put("nullable", true);
            }
          } else {
            out.set("type", value);
          }
        }
        case "const" -> {
          if (!value.isTextual()) {
            throw new Unfit();
          }
          out.putArray("enum").add(value.asText());
        }
        case "enum" -> {
          for (JsonNode v : value) {
            if (!v.isTextual()) {
              throw new Unfit();
            }
          }
          out.set("enum", value.deepCopy());
        }
        case "properties" -> {
          ObjectNode props = out.putObject("properties");
          for (Map.Entry<String, JsonNode> p : value.properties()) {
            props.set(p.getKey(), geminiNode(p.getValue(), defs, refs));
          }
        }
        case "items" -> out.set("items", geminiNode(value, defs, refs));
        case "anyOf", "oneOf" -> {
          ArrayNode any = out.putArray("anyOf");
          for (JsonNode option : value) {
            any.add(geminiNode(option, defs, refs));
          }
        }
        default -> {
          if (GEMINI_KEYWORDS.contains(key)) {
            out.set(key, value.deepCopy());
          }
        }
      }
    }
    return out;
  }
}
