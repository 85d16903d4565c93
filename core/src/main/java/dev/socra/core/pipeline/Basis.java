package dev.socra.core.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a finding rests on: the founder's own words, reasoning from them, or the world at large. */
public enum Basis {
  /** The founder said it; the source names the answer. */
  @JsonProperty("founder")
  FOUNDER,
  /** Reasoned from what the founder said; the source names the answers it rests on. */
  @JsonProperty("inference")
  INFERENCE,
  /**
   * What the model knows of the world, not from this founder: competitors, market figures,
   * regulations. Shown with "check this": it may be out of date or wrong.
   */
  @JsonProperty("general_knowledge")
  GENERAL_KNOWLEDGE
}
