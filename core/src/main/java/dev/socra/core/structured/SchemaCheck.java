package dev.socra.core.structured;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates JSON against the schema of a record type; the errors are what a repair prompt shows.
 */
public final class SchemaCheck {
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final Map<Class<?>, JsonSchema> CACHE = new ConcurrentHashMap<>();

  private SchemaCheck() {}

  /** The violations, each naming the place in the document; empty when it is valid. */
  public static List<String> errors(Class<?> type, JsonNode json) {
    JsonSchema schema = CACHE.computeIfAbsent(type, t -> FACTORY.getSchema(Schemas.of(t)));
    return schema.validate(json).stream().map(ValidationMessage::getMessage).sorted().toList();
  }
}
