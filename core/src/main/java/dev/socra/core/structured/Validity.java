package dev.socra.core.structured;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a value of a record type out of a model's text: finds the JSON, checks it against the
 * type's schema, then against the rules a schema cannot say (every dimension scored once, say).
 */
public final class Validity<T> {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

  private final Class<T> type;
  private final Function<T, List<String>> rules;

  public Validity(Class<T> type, Function<T, List<String>> rules) {
    this.type = type;
    this.rules = rules;
  }

  public Class<T> type() {
    return type;
  }

  /** The value, or the reasons the text does not hold one. */
  public Result<T> read(String text) {
    Optional<JsonNode> json = JsonText.extract(text);
    if (json.isEmpty()) {
      return new Result<>(null, List.of("the answer holds no JSON object"));
    }
    List<String> errors = SchemaCheck.errors(type, json.get());
    if (!errors.isEmpty()) {
      return new Result<>(null, errors);
    }
    T value;
    try {
      value = JSON.treeToValue(json.get(), type);
    } catch (Exception e) {
      return new Result<>(null, List.of("the JSON does not fit: " + e.getMessage()));
    }
    List<String> broken = new ArrayList<>(rules.apply(value));
    return broken.isEmpty() ? new Result<>(value, List.of()) : new Result<>(null, broken);
  }

  /** A value, or the errors found instead. */
  public record Result<T>(T value, List<String> errors) {
    public boolean valid() {
      return value != null;
    }
  }
}
