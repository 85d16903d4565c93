package dev.socra.llm.config;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What one model can do beyond plain chat: declared per model (a provider's default, the built-in
 * table in docs/configuration.md, the config file's {@code models:}), and narrowed at run time by
 * what a target refused ({@code LearnedCapabilities}).
 *
 * @param prefill continues a partial assistant message, so a broken stream can resume there
 * @param jsonSchema accepts a JSON schema for the answer ({@code response_format: json_schema})
 * @param strictSchema enforces that schema while decoding when asked ({@code "strict": true})
 * @param schemaDialect which part of JSON Schema it takes; the adapter shapes schemas to it
 * @param jsonObject accepts {@code response_format: json_object}
 * @param separator reliably writes text, then a separator line, then JSON, in one answer, so an
 *     interview turn can be one call (the seed found Claude does; small models do not)
 * @param tools takes tool (function) definitions and tool choice
 * @param vision takes images in messages
 * @param tokenLimit how its API spells the output cap
 * @param sampling the sampling parameters it takes ({@link Feature#SAMPLING}); a reasoning model
 *     takes none of them, only their defaults
 */
public record Capabilities(
    boolean prefill,
    boolean jsonSchema,
    boolean strictSchema,
    SchemaDialect schemaDialect,
    boolean jsonObject,
    boolean separator,
    boolean tools,
    boolean vision,
    TokenLimitField tokenLimit,
    Set<Feature> sampling) {

  /** What every chat server takes: temperature, top_p and stop. */
  public static final Set<Feature> COMMON_SAMPLING =
      Set.copyOf(EnumSet.of(Feature.TEMPERATURE, Feature.TOP_P, Feature.STOP));

  /** Plain chat only: no prefill, no structured output, no tools, no images. */
  public static final Capabilities NONE =
      new Capabilities(
          false,
          false,
          false,
          SchemaDialect.OPENAI,
          false,
          false,
          false,
          false,
          TokenLimitField.MAX_TOKENS,
          COMMON_SAMPLING);

  public Capabilities {
    Objects.requireNonNull(schemaDialect, "schemaDialect");
    Objects.requireNonNull(tokenLimit, "tokenLimit");
    sampling = Set.copyOf(sampling);
    for (Feature f : sampling) {
      if (!f.sampling()) {
        throw new IllegalArgumentException(f.wireName() + " is not a sampling parameter");
      }
    }
    // strict enforcement is a kind of JSON schema support
    strictSchema = strictSchema && jsonSchema;
  }

  /** The four capabilities the router has always known, everything else as {@link #NONE}. */
  public Capabilities(boolean prefill, boolean jsonSchema, boolean jsonObject, boolean separator) {
    this(
        prefill,
        jsonSchema,
        false,
        SchemaDialect.OPENAI,
        jsonObject,
        separator,
        false,
        false,
        TokenLimitField.MAX_TOKENS,
        COMMON_SAMPLING);
  }

  /** Whether a request using {@code feature} can be sent as it is. */
  public boolean supports(Feature feature) {
    return switch (feature) {
      case PREFILL -> prefill;
      case JSON_OBJECT -> jsonObject;
      case JSON_SCHEMA -> jsonSchema;
      case STRICT_SCHEMA -> strictSchema;
      case TOOLS -> tools;
      case VISION -> vision;
      case MAX_TOKENS_FIELD -> tokenLimit == TokenLimitField.MAX_TOKENS;
      case TEMPERATURE, TOP_P, STOP, SEED, FREQUENCY_PENALTY, PRESENCE_PENALTY ->
          sampling.contains(feature);
    };
  }

  /**
   * These capabilities less one a target refused: its requests are sent without it from now on (a
   * refused {@code max_tokens} is spelled {@code max_completion_tokens} instead; a refused strict
   * schema is sent without {@code strict}; a refused schema falls back to JSON mode).
   */
  public Capabilities without(Feature feature) {
    return switch (feature) {
      case PREFILL -> withPrefill(false);
      case JSON_OBJECT -> withJsonObject(false);
      case JSON_SCHEMA -> withJsonSchema(false);
      case STRICT_SCHEMA -> withStrictSchema(false);
      case TOOLS -> withTools(false);
      case VISION -> withVision(false);
      case MAX_TOKENS_FIELD -> withTokenLimit(TokenLimitField.MAX_COMPLETION_TOKENS);
      case TEMPERATURE, TOP_P, STOP, SEED, FREQUENCY_PENALTY, PRESENCE_PENALTY -> {
        EnumSet<Feature> less = EnumSet.noneOf(Feature.class);
        less.addAll(sampling);
        less.remove(feature);
        yield withSampling(less);
      }
    };
  }

  public Capabilities withPrefill(boolean value) {
    return new Capabilities(
        value,
        jsonSchema,
        strictSchema,
        schemaDialect,
        jsonObject,
        separator,
        tools,
        vision,
        tokenLimit,
        sampling);
  }

  public Capabilities withJsonSchema(boolean value) {
    return new Capabilities(
        prefill,
        value,
        strictSchema,
        schemaDialect,
        jsonObject,
        separator,
        tools,
        vision,
        tokenLimit,
        sampling);
  }

  public Capabilities withStrictSchema(boolean value) {
    return new Capabilities(
        prefill,
        jsonSchema || value,
        value,
        schemaDialect,
        jsonObject,
        separator,
        tools,
        vision,
        tokenLimit,
        sampling);
  }

  public Capabilities withSchemaDialect(SchemaDialect value) {
    return new Capabilities(
        prefill,
        jsonSchema,
        strictSchema,
        value,
        jsonObject,
        separator,
        tools,
        vision,
        tokenLimit,
        sampling);
  }

  public Capabilities withJsonObject(boolean value) {
    return new Capabilities(
        prefill,
        jsonSchema,
        strictSchema,
        schemaDialect,
        value,
        separator,
        tools,
        vision,
        tokenLimit,
        sampling);
  }

  public Capabilities withSeparator(boolean value) {
    return new Capabilities(
        prefill,
        jsonSchema,
        strictSchema,
        schemaDialect,
        jsonObject,
        value,
        tools,
        vision,
        tokenLimit,
        sampling);
  }

  public Capabilities withTools(boolean value) {
    return new Capabilities(
        prefill,
        jsonSchema,
        strictSchema,
        schemaDialect,
        jsonObject,
        separator,
        value,
        vision,
        tokenLimit,
        sampling);
  }

  public Capabilities withVision(boolean value) {
    return new Capabilities(
        prefill,
        jsonSchema,
        strictSchema,
        schemaDialect,
        jsonObject,
        separator,
        tools,
        value,
        tokenLimit,
        sampling);
  }

  public Capabilities withTokenLimit(TokenLimitField value) {
    return new Capabilities(
        prefill,
        jsonSchema,
        strictSchema,
        schemaDialect,
        jsonObject,
        separator,
        tools,
        vision,
        value,
        sampling);
  }

  public Capabilities withSampling(Set<Feature> value) {
    return new Capabilities(
        prefill,
        jsonSchema,
        strictSchema,
        schemaDialect,
        jsonObject,
        separator,
        tools,
        vision,
        tokenLimit,
        value);
  }

  /** {@code prefill, json_schema (strict), json_object, tools, vision, max_completion_tokens}. */
  public String describe() {
    StringBuilder s = new StringBuilder();
    java.util.function.BiConsumer<Boolean, String> add =
        (on, word) -> {
          if (on) {
            s.append(s.isEmpty() ? "" : ", ").append(word);
          }
        };
    add.accept(prefill, "prefill");
    add.accept(
        jsonSchema,
        "json_schema"
            + (strictSchema ? " (strict)" : "")
            + (schemaDialect == SchemaDialect.GEMINI ? " (Gemini subset)" : ""));
    add.accept(jsonObject, "json_object");
    add.accept(separator, "separator");
    add.accept(tools, "tools");
    add.accept(vision, "vision");
    add.accept(tokenLimit == TokenLimitField.MAX_COMPLETION_TOKENS, "max_completion_tokens");
    return s.isEmpty() ? "plain chat" : s.toString();
  }
}
