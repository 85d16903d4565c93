package dev.socra.llm.config;

/**
 * Which part of JSON Schema a model's structured output takes; the adapters shape the schema a
 * caller gives (core's generated ones use {@code $defs}/{@code $ref}, {@code additionalProperties},
 * {@code minLength}) to fit it, or fall back to JSON mode and the caller's validation.
 */
public enum SchemaDialect {
  /**
   * JSON Schema as OpenAI reads it: {@code $defs} and {@code $ref} allowed; with {@code strict},
   * only its Structured Outputs subset (every property required, {@code additionalProperties:
   * false} on every object, no {@code minLength}/{@code maxLength}), per
   * https://platform.openai.com/docs/guides/structured-outputs (read 2026-11-01). Groq follows it.
   */
  OPENAI,
  /**
   * Gemini's response schema: a subset of the OpenAPI 3.0 schema object (type, format, description,
   * nullable, enum, items, min/maxItems, properties, required, min/maxProperties, min/maxLength,
   * pattern, minimum, maximum, anyOf, propertyOrdering, title, default, example), per the Schema
   * reference (https://ai.google.dev/api/caching#Schema and
   * https://googleapis.github.io/js-genai/interfaces/types.Schema.html, read 2026-11-01): no {@code
   * $ref}/{@code $defs}, no {@code additionalProperties}, no {@code const}, no {@code $schema};
   * each is refused as "Unknown name … Cannot find field".
   */
  GEMINI
}
