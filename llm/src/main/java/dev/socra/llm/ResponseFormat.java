package dev.socra.llm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What shape the answer must take. A JSON schema is sent natively only to targets that declare the
 * capability; others get {@link JsonObject} behaviour, and the caller validates.
 */
public sealed interface ResponseFormat {
  record Text() implements ResponseFormat {}

  record JsonObject() implements ResponseFormat {}

  record JsonSchema(String name, JsonNode schema) implements ResponseFormat {}

  ResponseFormat TEXT = new Text();
  ResponseFormat JSON = new JsonObject();
}
