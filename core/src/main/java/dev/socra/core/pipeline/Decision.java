package dev.socra.core.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * The tribunal's verdict, with what each one means and what a founder does next, in the words of
 * docs/rubric.md (a test keeps the two the same): the page and the download explain the verdict
 * from here.
 */
public enum Decision {
  @JsonProperty("pursue")
  PURSUE(
      "the evidence supports building now.",
      "build the first phase of the plan; its experiments are the checks along the way."),
  @JsonProperty("test")
  TEST(
      "promising, but the weakest criterion must be tested cheaply first (the experiments say how).",
      "run the experiments before building anything, and build only what they confirm."),
  @JsonProperty("pivot")
  PIVOT(
      "the problem is real but this solution, customer or model is not the way.",
      "keep the problem; test another solution, customer or model with the experiments."),
  @JsonProperty("drop")
  DROP(
      "the evidence points against it.",
      "stop here; the experiments say what would have to be true to reopen it.");

  private final String meaning;
  private final String next;

  Decision(String meaning, String next) {
    this.meaning = meaning;
    this.next = next;
  }

  /** The name the JSON and the page use: {@code test}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** "Test", for a heading or a badge. */
  public String label() {
    return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
  }

  /** What the verdict means, as docs/rubric.md defines it: "the evidence points against it." */
  public String meaning() {
    return meaning;
  }

  /** What a founder does next with this verdict. */
  public String next() {
    return next;
  }

  /** Both in one short paragraph: "Test: promising, but … Next: run the experiments …". */
  public String explanation() {
    return label() + ": " + meaning + " Next: " + next;
  }
}
