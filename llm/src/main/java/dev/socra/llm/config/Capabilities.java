package dev.socra.llm.config;

/**
 * What a provider can do beyond plain chat, as declared in configuration.
 *
 * @param prefill continues a partial assistant message, so a broken stream can resume there
 * @param jsonSchema accepts a JSON schema for the answer ({@code response_format: json_schema})
 * @param jsonObject accepts {@code response_format: json_object}
 * @param separator reliably writes text, then a separator line, then JSON, in one answer, so an
 *     interview turn can be one call (the seed found Claude does; small models do not)
 */
public record Capabilities(
    boolean prefill, boolean jsonSchema, boolean jsonObject, boolean separator) {
  public static final Capabilities NONE = new Capabilities(false, false, false, false);

  public Capabilities withPrefill(boolean value) {
    return new Capabilities(value, jsonSchema, jsonObject, separator);
  }

  public Capabilities withJsonSchema(boolean value) {
    return new Capabilities(prefill, value, jsonObject, separator);
  }

  public Capabilities withJsonObject(boolean value) {
    return new Capabilities(prefill, jsonSchema, value, separator);
  }

  public Capabilities withSeparator(boolean value) {
    return new Capabilities(prefill, jsonSchema, jsonObject, value);
  }
}
