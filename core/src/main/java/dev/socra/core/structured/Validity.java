package dev.socra.core.structured;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a value of a record type out of a model's text: finds the JSON, fixes its slips ({@link
 * JsonSlips}), checks it against the type's schema, then against the rules a schema cannot say
 * (every dimension scored once, say). It also carries a filled-in example of the type, which the
 * prompt shows instead of the raw schema.
 */
public final class Validity<T> {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

  private final Class<T> type;
  private final Function<T, List<String>> rules;
  private final T example;

  /** A validity whose example is built from the schema (a placeholder in every string). */
  public Validity(Class<T> type, Function<T, List<String>> rules) {
    this(type, rules, null);
  }

  /**
   * @param example a filled-in value that passes these rules, shown to the model as the shape to
   *     follow; null builds a placeholder one from the schema
   */
  public Validity(Class<T> type, Function<T, List<String>> rules, T example) {
    this.type = type;
    this.rules = rules;
    this.example = example;
  }

  public Class<T> type() {
    return type;
  }

  /** The example the prompt shows, as JSON. */
  public String exampleJson() {
    try {
      return example == null
          ? JSON.writeValueAsString(SchemaExample.of(Schemas.of(type)))
          : JSON.writeValueAsString(example);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(
          "an example " + type.getSimpleName() + " cannot be written", e);
    }
  }

  /** The hand-written example, or null when there is none. */
  public T example() {
    return example;
  }

  /** The value, or the reasons the text does not hold one. */
  public Result<T> read(String text) {
    Optional<JsonNode> found = JsonText.extract(text);
    if (found.isEmpty()) {
      return new Result<>(null, List.of("the answer holds no JSON object"));
    }
    JsonNode json = JsonSlips.fix(found.get(), Schemas.of(type));
    List<String> errors = SchemaCheck.errors(type, json);
    if (!errors.isEmpty()) {
      return new Result<>(null, errors);
    }
    T value;
    try {
      value = JSON.treeToValue(json, type);
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
