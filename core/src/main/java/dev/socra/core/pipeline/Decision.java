package dev.socra.core.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The tribunal's verdict. */
public enum Decision {
  @JsonProperty("pursue")
  PURSUE,
  @JsonProperty("test")
  TEST,
  @JsonProperty("pivot")
  PIVOT,
  @JsonProperty("drop")
  DROP
}
