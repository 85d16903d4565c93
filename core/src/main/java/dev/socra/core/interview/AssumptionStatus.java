package dev.socra.core.interview;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the evidence for an assumption stands. */
public enum AssumptionStatus {
  @JsonProperty("untested")
  UNTESTED,
  @JsonProperty("supported")
  SUPPORTED,
  @JsonProperty("contradicted")
  CONTRADICTED
}
