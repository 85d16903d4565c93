package dev.socra.server.errors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * What went wrong in a request Spring MVC refused before Socra's code ran, said in Socra's words:
 * the method, the content type, a parameter that is not a number, an address with nothing at it, a
 * body that is not JSON, is nested too deep or has a field of the wrong kind. Never a Java type, a
 * class or a method signature.
 */
final class FrameworkErrors {
  private FrameworkErrors() {}

  /** The words for {@code e}, or null when Spring's own are fine. */
  static String words(Exception e, String path) {
    return switch (e) {
      case HttpRequestMethodNotSupportedException m ->
          m.getMethod()
              + " is not allowed at this address"
              + (m.getSupportedHttpMethods() == null || m.getSupportedHttpMethods().isEmpty()
                  ? ""
                  : "; it takes "
                      + m.getSupportedHttpMethods().stream()
                          .map(Object::toString)
                          .collect(Collectors.joining(", ")));
      case HttpMediaTypeNotSupportedException t ->
          "the body must be sent as "
              + types(t.getSupportedMediaTypes())
              + (t.getContentType() == null
                  ? " (the request says no Content-Type)"
                  : ", not " + t.getContentType());
      case HttpMediaTypeNotAcceptableException t ->
          "this address answers with "
              + types(t.getSupportedMediaTypes())
              + ", which the request's Accept header does not take";
      case MethodArgumentTypeMismatchException t ->
          "'"
              + t.getName()
              + "' must be "
              + kind(t.getRequiredType())
              + ", was '"
              + shortened(t.getValue())
              + "'";
      case MissingServletRequestParameterException p ->
          "the parameter '" + p.getParameterName() + "' is missing";
      case NoResourceFoundException n -> "there is nothing at " + shortened(path);
      case NoHandlerFoundException n -> "there is nothing at " + shortened(path);
      case HttpMessageNotReadableException r -> unreadable(r);
      default -> null;
    };
  }

  private static String unreadable(HttpMessageNotReadableException r) {
    Throwable cause = r.getCause();
    if (cause == null) {
      return "the request needs a JSON body";
    }
    return switch (cause) {
      case StreamConstraintsException c -> constraint(c);
      case MismatchedInputException m when !m.getPath().isEmpty() ->
          "'" + field(m.getPath()) + "' must be " + kind(m.getTargetType());
      case MismatchedInputException m -> "the request body must be a JSON object";
      case JsonParseException p ->
          "the request body is not valid JSON: " + shortened(p.getOriginalMessage());
      default -> "the request body could not be read as JSON";
    };
  }

  /** A limit of the JSON reader, named for a person. */
  static String constraint(StreamConstraintsException c) {
    String m = c.getMessage() == null ? "" : c.getMessage();
    if (m.contains("nesting depth")) {
      return "the JSON is nested deeper than the server reads ("
          + number(m, "maximum allowed")
          + " levels)";
    }
    if (m.contains("String value length") || m.contains("Number value length")) {
      return "the JSON holds a value longer than the server reads";
    }
    return "the JSON is larger than the server reads";
  }

  private static String number(String message, String after) {
    int at = message.indexOf(after);
    String digits =
        at < 0
            ? ""
            : message.substring(at + after.length()).replaceAll("^[^0-9]*([0-9]+).*$", "$1");
    return digits.matches("[0-9]+") ? digits : "its limit of";
  }

  private static String field(java.util.List<JsonMappingException.Reference> path) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : path) {
      if (r.getFieldName() != null) {
        b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  /** What a value of {@code type} is, for a person. */
  static String kind(Class<?> type) {
    if (type == null) {
      return "of another kind";
    }
    if (type == Integer.class
        || type == int.class
        || type == Long.class
        || type == long.class
        || type == Short.class
        || type == short.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (CharSequence.class.isAssignableFrom(type)) {
      return "text";
    }
    if (type.isEnum()) {
      StringBuilder b = new StringBuilder("one of ");
      Object[] values = type.getEnumConstants();
      for (int i = 0; i < values.length; i++) {
        b.append(i == 0 ? "" : ", ").append(values[i].toString().toLowerCase(Locale.ROOT));
      }
      return b.toString();
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "an object";
  }

  private static String types(Collection<?> types) {
    return types == null || types.isEmpty()
        ? "another type"
        : types.stream().map(Object::toString).collect(Collectors.joining(" or "));
  }

  private static String shortened(Object value) {
    String s = String.valueOf(value);
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }
}
