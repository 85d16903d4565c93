package dev.socra.llm.config;

/**
 * What a provider can do beyond plain chat, as declared in configuration.
 *
 * @param prefill continues a partial assistant message, so a broken stream can resume there
 * @param jsonSchema accepts a JSON schema for the answer ({@code response_format: json_schema})
 * @param jsonObject accepts {@code response_format: json_object}
 */
public record Capabilities(boolean prefill, boolean jsonSchema, boolean jsonObject) {
  public static final Capabilities NONE = new Capabilities(false, false, false);
}
