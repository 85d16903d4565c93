package dev.socra.llm.config.yaml;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.socra.llm.config.Capabilities;
import dev.socra.llm.config.Feature;
import dev.socra.llm.config.SchemaDialect;
import dev.socra.llm.config.TokenLimitField;
import java.util.List;

/**
 * {@code capabilities:} of a provider, or one model's entry under {@code models:}; what is not
 * written stays as it was.
 *
 * @param sampling the sampling parameters the model takes, e.g. {@code [temperature, top_p]}; an
 *     empty list for a reasoning model that takes only their defaults
 */
public record CapabilitiesSection(
    Boolean prefill,
    Boolean jsonSchema,
    Boolean strictSchema,
    SchemaDialect schemaDialect,
    Boolean jsonObject,
    Boolean separator,
    Boolean tools,
    Boolean vision,
    TokenLimitField tokenLimit,
    @JsonDeserialize(contentUsing = SamplingDeserializer.class) List<Feature> sampling) {

  public Capabilities over(Capabilities base) {
    Capabilities c = base;
    if (prefill != null) {
      c = c.withPrefill(prefill);
    }
    if (jsonSchema != null) {
      c = c.withJsonSchema(jsonSchema);
    }
    if (strictSchema != null) {
      c = c.withStrictSchema(strictSchema);
    }
    if (schemaDialect != null) {
      c = c.withSchemaDialect(schemaDialect);
    }
    if (jsonObject != null) {
      c = c.withJsonObject(jsonObject);
    }
    if (separator != null) {
      c = c.withSeparator(separator);
    }
    if (tools != null) {
      c = c.withTools(tools);
    }
    if (vision != null) {
      c = c.withVision(vision);
    }
    if (tokenLimit != null) {
      c = c.withTokenLimit(tokenLimit);
    }
    if (sampling != null) {
      c = c.withSampling(java.util.Set.copyOf(sampling));
    }
    return c;
  }
}
