package dev.socra.llm.config.yaml;

import dev.socra.llm.config.Capabilities;

/** {@code capabilities:} of a provider; what is not written stays as it was. */
public record CapabilitiesSection(
    Boolean prefill, Boolean jsonSchema, Boolean jsonObject, Boolean separator) {

  public Capabilities over(Capabilities base) {
    Capabilities c = base;
    if (prefill != null) {
      c = c.withPrefill(prefill);
    }
    if (jsonSchema != null) {
      c = c.withJsonSchema(jsonSchema);
    }
    if (jsonObject != null) {
      c = c.withJsonObject(jsonObject);
    }
    if (separator != null) {
      c = c.withSeparator(separator);
    }
    return c;
  }
}
