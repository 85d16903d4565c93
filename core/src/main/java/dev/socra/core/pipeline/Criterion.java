package dev.socra.core.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The tribunal's rubric: five criteria, each scored 1 to 5 (docs/rubric.md), with what 1, 3 and 5
 * look like. The anchors go into the tribunal's prompt as written here.
 */
public enum Criterion {
  @JsonProperty("problem_severity")
  PROBLEM_SEVERITY(
      "a nice-to-have",
      "a real cost people notice",
      "a hair-on-fire problem they already spend money or time on"),
  @JsonProperty("evidence_of_demand")
  EVIDENCE_OF_DEMAND(
      "opinions only",
      "some past behaviour (searches, workarounds)",
      "paying users, deposits or signed pilots"),
  @JsonProperty("market_size")
  MARKET_SIZE(
      "a niche with no path beyond it",
      "a segment worth a company",
      "a large or fast-growing market with a clear first segment"),
  @JsonProperty("ability_to_build")
  ABILITY_TO_BUILD(
      "beyond the team's reach",
      "buildable with hires the plan names",
      "the team has built this kind of thing before"),
  @JsonProperty("economics")
  ECONOMICS(
      "costs more to serve than it earns",
      "plausible margins not yet shown",
      "margins and payback shown by real numbers");

  private final String one;
  private final String three;
  private final String five;

  Criterion(String one, String three, String five) {
    this.one = one;
    this.three = three;
    this.five = five;
  }

  /** The name the JSON uses: {@code evidence_of_demand}. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** What a 1, a 3 and a 5 look like, in that order. */
  public java.util.List<String> anchors() {
    return java.util.List.of(one, three, five);
  }
}
