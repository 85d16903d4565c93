package dev.socra.core.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The tribunal's rubric: five criteria, each scored 1 to 5 (docs/rubric.md). */
public enum Criterion {
  @JsonProperty("problem_severity")
  PROBLEM_SEVERITY,
  @JsonProperty("evidence_of_demand")
  EVIDENCE_OF_DEMAND,
  @JsonProperty("market_size")
  MARKET_SIZE,
  @JsonProperty("ability_to_build")
  ABILITY_TO_BUILD,
  @JsonProperty("economics")
  ECONOMICS
}
