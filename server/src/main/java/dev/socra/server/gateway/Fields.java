package dev.socra.server.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading a request body's fields, each of the type and range its API gives it; anything else is a
 * 400 naming the field, in words a person can act on.
 */
final class Fields {
  private static final ObjectMapper JSON = new ObjectMapper(OpenAiWire.JSON);

  private Fields() {}

  /** The body as a JSON object; too large (413), too deep, not JSON or not an object (400). */
  static JsonNode body(InputStream body) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (StreamConstraintsException e) {
      String m = e.getMessage() == null ? "" : e.getMessage();
      if (m.contains("nesting depth")) {
        // a limit on structure, not size: the request is wrong, not too large
        throw GatewayException.badRequest(
            null,
            "the request body is nested deeper than "
                + OpenAiWire.JSON.streamReadConstraints().getMaxNestingDepth()
                + " levels");
      }
      throw new GatewayException(
          413,
          "invalid_request_error",
          "request_too_large",
          null,
          "the request body is larger than " + OpenAiWire.MAX_REQUEST_BYTES + " bytes");
    } catch (JsonProcessingException e) {
      throw GatewayException.badRequest(
          null, "the request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw GatewayException.badRequest(null, "the request body must be a JSON object");
    }
    return root;
  }

  static boolean present(JsonNode node, String name) {
    JsonNode v = node.get(name);
    return v != null && !v.isNull();
  }

  /** A string field, or null when absent or of another type. */
  static String text(JsonNode node, String name) {
    JsonNode v = node.get(name);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  /** A string field that must be there. */
  static String requiredText(JsonNode node, String name, String param) {
    JsonNode v = node.get(name);
    if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
      throw GatewayException.badRequest(param, "'" + param + "' must be a non-empty string");
    }
    return v.textValue();
  }

  static boolean flag(JsonNode node, String name, String param) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw GatewayException.badRequest(param, "'" + param + "' must be true or false");
    }
    return v.booleanValue();
  }

  /** A true/false field, null when absent. */
  static Boolean optionalFlag(JsonNode node, String name, String param) {
    return present(node, name) ? flag(node, name, param) : null;
  }

  /** A number within [min, max], or null when absent. */
  static Double number(JsonNode node, String name, double min, double max) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
      throw GatewayException.badRequest(name, "'" + name + "' must be a number");
    }
    double d = v.doubleValue();
    if (d < min || d > max) {
      throw GatewayException.badRequest(
          name, "'" + name + "' must be between " + plain(min) + " and " + plain(max));
    }
    return d;
  }

  /** A whole number, or null when absent. */
  static Long integer(JsonNode node, String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw GatewayException.badRequest(name, "'" + name + "' must be a whole number");
    }
    return v.longValue();
  }

  /** A positive int, or null when absent. */
  static Integer positive(JsonNode node, String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() <= 0) {
      throw GatewayException.badRequest(name, "'" + name + "' must be a positive integer");
    }
    return v.intValue();
  }

  /**
   * Stop sequences: an array of at most {@code max} non-empty strings (or, where the API allows,
   * one string); empty when absent.
   */
  static List<String> stops(JsonNode node, String name, int max, boolean single) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (single && v.isTextual()) {
      v = JSON.createArrayNode().add(v.textValue());
    }
    if (!v.isArray() || v.size() > max) {
      throw GatewayException.badRequest(
          name,
          "'"
              + name
              + "' must be "
              + (single ? "a string or " : "")
              + "an array of at most "
              + max
              + " strings");
    }
    List<String> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      JsonNode s = v.get(i);
      if (!s.isTextual() || s.textValue().isEmpty()) {
        throw GatewayException.badRequest(
            name + "[" + i + "]", "'" + name + "[" + i + "]' must be a non-empty string");
      }
      out.add(s.textValue());
    }
    return out;
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
