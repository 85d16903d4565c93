package dev.socra.core.interview;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the interviewer scores. The set follows the questions investors score a seed pitch on (the
 * Sequoia business-plan outline, YC's application, the Lean Canvas boxes); docs/interview.md says
 * which question each one asks.
 */
public enum Dimension {
  @JsonProperty("problem")
  PROBLEM("Problem"),
  @JsonProperty("customer")
  CUSTOMER("Customer"),
  @JsonProperty("market")
  MARKET("Market"),
  @JsonProperty("solution")
  SOLUTION("Solution"),
  @JsonProperty("business_model")
  BUSINESS_MODEL("Business model"),
  @JsonProperty("unfair_advantage")
  UNFAIR_ADVANTAGE("Unfair advantage"),
  @JsonProperty("feasibility")
  FEASIBILITY("Feasibility"),
  @JsonProperty("go_to_market")
  GO_TO_MARKET("Go-to-market");

  private final String label;

  Dimension(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
