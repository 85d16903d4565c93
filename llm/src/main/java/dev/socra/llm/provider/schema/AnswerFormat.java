package dev.socra.llm.provider.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socra.llm.ResponseFormat;
import dev.socra.llm.config.Capabilities;
import dev.socra.llm.config.Feature;
import dev.socra.llm.config.SchemaDialect;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * How a request's {@link ResponseFormat} goes on the wire to one target: its schema enforced where
 * the target can enforce it ({@code strict} where it takes strict mode and the schema meets strict
 * mode's rules), shaped into the target's schema subset, or else JSON mode (or plain text) with the
 * caller's validation. Core's schemas stay provider-agnostic; this is the one place they are
 * fitted.
 */
public sealed interface AnswerFormat {
  /** No format: text, or JSON the caller asked for in words and validates. */
  record Text() implements AnswerFormat {}

  /** {@code response_format: json_object}. */
  record JsonObject() implements AnswerFormat {}

  /** {@code response_format: json_schema}, with {@code strict} when it is enforced. */
  record Schema(String name, JsonNode schema, boolean strict) implements AnswerFormat {}

  /** What a target with these capabilities is sent for {@code format}. */
  static AnswerFormat choose(ResponseFormat format, Capabilities caps) {
    return switch (format) {
      case ResponseFormat.Text t -> new Text();
      case ResponseFormat.JsonObject j -> caps.jsonObject() ? new JsonObject() : new Text();
      case ResponseFormat.JsonSchema s -> {
        Optional<Schema> fitted = caps.jsonSchema() ? fit(s, caps) : Optional.empty();
        if (fitted.isPresent()) {
          yield fitted.get();
        }
        yield caps.jsonObject() ? new JsonObject() : new Text();
      }
    };
  }

  private static Optional<Schema> fit(ResponseFormat.JsonSchema s, Capabilities caps) {
    String name = SchemaFit.name(s.name());
    if (caps.schemaDialect() == SchemaDialect.GEMINI) {
      return SchemaFit.gemini(s.schema()).map(g -> new Schema(name, g, false));
    }
    if (caps.strictSchema()) {
      Optional<JsonNode> strict = SchemaFit.strict(s.schema());
      if (strict.isPresent()) {
        return Optional.of(new Schema(name, strict.get(), true));
      }
    }
    return Optional.of(new Schema(name, s.schema(), false));
  }

  /** The features a request in this format uses: the shape a target may refuse. */
  default Set<Feature> features() {
    return switch (this) {
      case Text t -> Set.of();
      case JsonObject j -> Set.of(Feature.JSON_OBJECT);
      case Schema s ->
          s.strict()
              ? Set.copyOf(EnumSet.of(Feature.JSON_SCHEMA, Feature.STRICT_SCHEMA))
              : Set.of(Feature.JSON_SCHEMA);
    };
  }

  /** {@code json_schema (strict)}, {@code json_schema}, {@code json_object}, {@code text}. */
  default String describe() {
    return switch (this) {
      case Text t -> "text";
      case JsonObject j -> "json_object";
      case Schema s -> s.strict() ? "json_schema (strict)" : "json_schema";
    };
  }
}
