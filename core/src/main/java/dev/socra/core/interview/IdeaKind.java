package dev.socra.core.interview;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The kind of idea, as the evaluator reads it: the interviewer's examples of a good question differ
 * by kind (a clinic's last lost booking, a marketplace's first supplier, a prototype's last test).
 */
public enum IdeaKind {
  @JsonProperty("b2b")
  B2B,
  @JsonProperty("marketplace")
  MARKETPLACE,
  @JsonProperty("consumer")
  CONSUMER,
  @JsonProperty("hardware")
  HARDWARE,
  @JsonProperty("deep_tech")
  DEEP_TECH,
  @JsonProperty("services")
  SERVICES
}
