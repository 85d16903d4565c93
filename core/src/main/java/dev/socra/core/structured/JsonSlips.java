package dev.socra.core.structured;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fixes, before the schema sees them, the slips small models make in otherwise sound JSON: an enum
 * value in the wrong case or with spaces or hyphens for underscores ({@code "Business Model"},
 * {@code "go-to-market"}), a near-miss of one ({@code "supproted"}), a number written as text or
 * out of ten ({@code "7"}, {@code "7/10"}), a boolean as a word, a field name in another case
 * ({@code enough_known}), a single item where a list belongs. A repair call costs a whole request;
 * these cost nothing and cannot change what the model meant. Anything else is left for the schema
 * to report.
 */
public final class JsonSlips {
  private static final Pattern NUMBER =
      Pattern.compile("\\s*(-?\\d+(?:\\.\\d+)?)\\s*(?:/\\s*\\d+)?\\s*(?:points?)?\\s*");

  /** The most edits a near-miss enum value may be from the one it is taken for. */
  private static final int NEAR_MISS = 2;

  private JsonSlips() {}

  /** A copy of {@code json} with the slips fixed against {@code schema} (a root with $defs). */
  public static JsonNode fix(JsonNode json, JsonNode schema) {
    return fix(json.deepCopy(), schema, schema);
  }

  private static JsonNode fix(JsonNode json, JsonNode schema, JsonNode root) {
    JsonNode s = resolve(schema, root);
    String type = s.path("type").asText("");
    if (s.has("enum") && json.isTextual()) {
      return enumValue(json.asText(), s.path("enum"));
    }
    switch (type) {
      case "integer", "number" -> {
        return number(json, type.equals("integer"));
      }
      case "boolean" -> {
        return bool(json);
      }
      case "array" -> {
        ArrayNode array;
        if (json.isArray()) {
          array = (ArrayNode) json;
        } else if (json.isNull() || json.isMissingNode()) {
          return json;
        } else {
          array = JsonNodeFactory.instance.arrayNode().add(json);
        }
        for (int i = 0; i < array.size(); i++) {
          array.set(i, fix(array.get(i), s.path("items"), root));
        }
        return array;
      }
      case "object" -> {
        if (json instanceof ObjectNode object) {
          fields(object, s.path("properties"), root);
        }
        return json;
      }
      default -> {
        return json;
      }
    }
  }

  private static JsonNode resolve(JsonNode schema, JsonNode root) {
    JsonNode s = schema;
    for (int hops = 0; s.has("$ref") && hops < 8; hops++) {
      String ref = s.path("$ref").asText();
      if (!ref.startsWith("#/")) {
        return s;
      }
      s = root.at(ref.substring(1));
    }
    return s;
  }

  /** Renames fields written in another case or style, then fixes each value. */
  private static void fields(ObjectNode object, JsonNode properties, JsonNode root) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      if (properties.has(name)) {
        continue;
      }
      for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
        String wanted = it.next();
        if (squash(wanted).equals(squash(name)) && !object.has(wanted)) {
          object.set(wanted, object.remove(name));
          break;
        }
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      if (object.has(p.getKey())) {
        object.set(p.getKey(), fix(object.get(p.getKey()), p.getValue(), root));
      }
    }
  }

  private static JsonNode enumValue(String text, JsonNode allowed) {
    List<String> values = new ArrayList<>();
    allowed.forEach(v -> values.add(v.asText()));
    if (values.contains(text)) {
      return TextNode.valueOf(text);
    }
    String key = enumKey(text);
    for (String v : values) {
      if (enumKey(v).equals(key)) {
        return TextNode.valueOf(v);
      }
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    boolean tie = false;
    for (String v : values) {
      int d = distance(enumKey(v), key);
      if (d < bestDistance) {
        best = v;
        bestDistance = d;
        tie = false;
      } else if (d == bestDistance) {
        tie = true;
      }
    }
    if (best != null && !tie && bestDistance <= NEAR_MISS && key.length() > bestDistance + 2) {
      return TextNode.valueOf(best);
    }
    return TextNode.valueOf(text);
  }

  /** {@code " Business-Model "} → {@code business_model}. */
  private static String enumKey(String text) {
    return text.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-]+", "_");
  }

  /**
   * {@code enough_known}, {@code EnoughKnown} and {@code enough-known} all → {@code enoughknown}.
   */
  private static String squash(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
  }

  private static JsonNode number(JsonNode json, boolean integer) {
    if (json.isTextual()) {
      Matcher m = NUMBER.matcher(json.asText());
      if (m.matches()) {
        double d = Double.parseDouble(m.group(1));
        return integer && d == Math.rint(d)
            ? IntNode.valueOf((int) d)
            : JsonNodeFactory.instance.numberNode(d);
      }
      return json;
    }
    if (integer && json.isFloatingPointNumber() && json.asDouble() == Math.rint(json.asDouble())) {
      return IntNode.valueOf((int) json.asDouble());
    }
    return json;
  }

  private static JsonNode bool(JsonNode json) {
    if (json.isTextual()) {
      String t = json.asText().strip().toLowerCase(Locale.ROOT);
      if (t.equals("true") || t.equals("yes")) {
        return BooleanNode.TRUE;
      }
      if (t.equals("false") || t.equals("no")) {
        return BooleanNode.FALSE;
      }
    }
    return json;
  }

  /** Levenshtein distance: the edits between two short enum values. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
