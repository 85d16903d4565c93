package dev.socra.core.interview;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What the interviewer scores. The set follows the questions investors score a seed pitch on (the
 * Sequoia business-plan outline, YC's application, the Lean Canvas boxes); docs/interview.md says
 * which question each one asks. Each is defined for the evaluator with anchors at 3, 5, 7 and 10 (0
 * is always "nothing said"): 5 is as far as claims go, 7 needs a quoted past action with a number.
 * The anchors are the evaluator's prompt and the table in docs/interview.md.
 */
public enum Dimension {
  @JsonProperty("problem")
  PROBLEM(
      "Problem",
      "how painful and frequent the problem is, shown by what people do about it today",
      "the founder says it is a problem",
      "who has it, how often, what it costs, as claims",
      "a past action with a number: \"3 clinics hired a temp last month to chase no-shows\"",
      "repeated spending or workarounds, counted across many customers"),
  @JsonProperty("customer")
  CUSTOMER(
      "Customer",
      "who exactly has the problem and who pays",
      "a broad group (\"small businesses\")",
      "a named segment and buyer, claimed",
      "named customers the founder sold to or interviewed, counted: \"I met 9 practice managers\"",
      "a repeatable buyer profile proven by paying customers"),
  @JsonProperty("market")
  MARKET(
      "Market",
      "how many such customers there are, counted, and why now",
      "a big-sounding market with no count",
      "a bottom-up count or a why-now reason, claimed",
      "a count from a real source: \"412 clinics in the registry\"",
      "a counted segment with growth shown over time"),
  @JsonProperty("solution")
  SOLUTION(
      "Solution",
      "whether the product removes the pain better than today's workaround",
      "a description of the product",
      "why it beats the workaround, claimed",
      "people used a version of it: \"5 clinics used my spreadsheet for 6 weeks\"",
      "sustained use that replaced the workaround"),
  @JsonProperty("business_model")
  BUSINESS_MODEL(
      "Business model",
      "who pays how much, how often, at what cost to serve",
      "\"a subscription\" with no price",
      "a price, a payer and a cost, claimed",
      "money or a signed commitment: \"2 clinics paid €49 for March\"",
      "paying customers renewing at a margin shown by numbers"),
  @JsonProperty("unfair_advantage")
  UNFAIR_ADVANTAGE(
      "Unfair advantage",
      "what competitors cannot copy or buy",
      "passion, speed or \"first mover\"",
      "a specific edge (data, access, expertise), claimed",
      "an edge held today: \"exclusive data from 30 clinics under contract\"",
      "an edge that has already kept a competitor out"),
  @JsonProperty("feasibility")
  FEASIBILITY(
      "Feasibility",
      "whether this team can build it with its time and money",
      "\"we can build it\"",
      "a plan naming the hard part and who builds it",
      "the team has built something like it: \"I ran a booking system for 200 users\"",
      "a working version in customers' hands"),
  @JsonProperty("go_to_market")
  GO_TO_MARKET(
      "Go-to-market",
      "how the first hundred customers arrive",
      "\"social media\" or \"word of mouth\"",
      "a named channel with expected numbers",
      "a channel tried, with results: \"11 of 40 cold emails got a call\"",
      "a channel bringing customers repeatedly at a known cost");

  private final String label;
  private final String definition;
  private final List<String> anchors;

  Dimension(String label, String definition, String three, String five, String seven, String ten) {
    this.label = label;
    this.definition = definition;
    this.anchors = List.of("nothing said about it", three, five, seven, ten);
  }

  public String label() {
    return label;
  }

  /** What the dimension asks. */
  public String definition() {
    return definition;
  }

  /** What scores 0, 3, 5, 7 and 10 look like, in that order. */
  public List<String> anchors() {
    return anchors;
  }

  /** The scores the anchors stand at. */
  public static final List<Integer> ANCHOR_SCORES = List.of(0, 3, 5, 7, 10);

  /** The name the JSON uses: {@code business_model}. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
