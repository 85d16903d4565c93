package dev.socra.llm.config;

import java.util.Locale;

/**
 * What a request may ask of a target beyond plain chat, and what a target can refuse: the words of
 * the capability model ({@link Capabilities}). A target that answers "I cannot take this" names one
 * of these where the router can tell which; the router then remembers it for that target ({@code
 * LearnedCapabilities}).
 */
public enum Feature {
  /** A trailing assistant message the answer must continue (a broken stream's text). */
  PREFILL,
  /** {@code response_format: json_object}: any JSON object. */
  JSON_OBJECT,
  /** {@code response_format: json_schema}: JSON held to a schema. */
  JSON_SCHEMA,
  /** {@code "strict": true} with a JSON schema: the provider enforces the schema while decoding. */
  STRICT_SCHEMA,
  /** Tool (function) definitions and tool choice. */
  TOOLS,
  /** Images in messages. */
  VISION,
  /**
   * The request's output cap spelled {@code max_tokens}; a model that refuses it (OpenAI's
   * reasoning models) takes {@code max_completion_tokens}.
   */
  MAX_TOKENS_FIELD,
  TEMPERATURE,
  TOP_P,
  STOP,
  SEED,
  FREQUENCY_PENALTY,
  PRESENCE_PENALTY;

  /** The sampling parameters: a model declares which of them it takes. */
  public static final java.util.Set<Feature> SAMPLING =
      java.util.Collections.unmodifiableSet(
          java.util.EnumSet.of(
              TEMPERATURE, TOP_P, STOP, SEED, FREQUENCY_PENALTY, PRESENCE_PENALTY));

  /** {@code json_schema}, {@code top_p}: as the config file and the wire spell it. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean sampling() {
    return SAMPLING.contains(this);
  }
}
