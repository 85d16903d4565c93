package dev.socra.core.stub;

import dev.socra.core.interview.Dimension;
import java.util.List;

/**
 * What the demo interviewer says, per dimension. The questions follow the Mom Test and the way YC
 * partners question founders: the customer's past behaviour and specifics, never "would you use
 * it?". In them, {@code {it}} stands for the idea's name ("the marketplace for independent
 * physiotherapists"), {@code {who}} for the people it is for ("independent physiotherapists", or
 * "people"), {@code {model}} for the price or fee the founder stated and {@code {rivals}} for the
 * competitors they named.
 */
final class InterviewLines {
  private InterviewLines() {}

  /** Two wordings per dimension; the first time round one, the second time the other. */
  static List<String> questions(Dimension d, boolean model, boolean rivals) {
    return switch (d) {
      case PROBLEM ->
          List.of(
              "When did someone last run into the problem {it} solves, and what did it cost them"
                  + " that day?",
              "Tell me about the most recent time someone hit the problem {it} solves: who was it,"
                  + " and what did they do next?");
      case CUSTOMER ->
          List.of(
              "Who is the last person you spoke to who needs {it}, and what do they do today"
                  + " instead?",
              "Which of the {who} you know have you watched struggle with this problem, and how did"
                  + " they cope last week?");
      case MARKET ->
          List.of(
              "How many {who} have this problem today, and how did you count them rather than"
                  + " estimate them?",
              "Where do {who} already spend money on this problem, and roughly how much did they"
                  + " spend last year?");
      case SOLUTION ->
          List.of(
              "What do {who} use today to deal with this, and what did the last one you spoke to"
                  + " complain about in it?",
              "What is the smallest version of {it} you have put in front of someone, and what did"
                  + " they stop doing because of it?");
      case BUSINESS_MODEL ->
          model
              ? List.of(
                  "Who has paid {model} so far, and how much money came in?",
                  "What do {who} pay today to work around the problem, and who signs off on that"
                      + " spending?")
              : List.of(
                  "Has anyone paid, pre-ordered or signed a letter of intent for {it} yet, and for"
                      + " how much?",
                  "What do {who} pay today to work around the problem, and who signs off on that"
                      + " spending?");
      case UNFAIR_ADVANTAGE ->
          List.of(
              rivals
                  ? "What do you know or have that {rivals} could not copy in six months?"
                  : "What do you know or have access to for {it} that a well-funded competitor"
                      + " could not copy in six months?",
              "Why are you the one to build {it}: what have you done in this field that others"
                  + " have not?");
      case FEASIBILITY ->
          List.of(
              "What is the hardest part of building {it}, and have you or someone on your team"
                  + " built anything like it before?",
              "Which part of {it} have you already tried by hand or with a prototype, and what"
                  + " broke?");
      case GO_TO_MARKET ->
          List.of(
              "How did the last person you told about {it} hear of you, and where did the next"
                  + " ones come from?",
              "Where do the first ten {who} you want to reach gather today, and when did you last"
                  + " reach out to one of them?");
    };
  }

  /**
   * The question that presses once on an answer that said nothing: the same dimension, asking for
   * one real instance.
   */
  static String press(Dimension d) {
    return switch (d) {
      case PROBLEM -> "Name one time someone hit this problem: when was it, and what did it cost?";
      case CUSTOMER ->
          "Name one person who needs {it}: what is their job, and when did you last speak to them?";
      case MARKET -> "Give me one number: how many {who} have you counted, and from what list?";
      case SOLUTION ->
          "What exactly did the last person with this problem do about it, and what did that"
              + " cost them?";
      case BUSINESS_MODEL -> "Has anyone paid you anything for it yet, and how much was it?";
      case UNFAIR_ADVANTAGE ->
          "What is one thing you have done in this field that a competitor has not?";
      case FEASIBILITY ->
          "What is one part of it you have already built or tried, and what happened?";
      case GO_TO_MARKET ->
          "Who are three people you could call this week about it, and how do you know them?";
    };
  }

  /** The belief about the idea that a dimension tests. */
  static String assumption(Dimension d, boolean marketplace, boolean model) {
    return switch (d) {
      case PROBLEM -> "{Who} have this problem often enough to want it solved now.";
      case CUSTOMER ->
          marketplace
              ? "Both sides of the marketplace can be named and reached, starting with {who}."
              : "The first {who} to sell to can be named and reached one by one.";
      case MARKET -> "Enough {who} have the problem to build a business on it.";
      case SOLUTION -> "{It} works better than the workaround people use today.";
      case BUSINESS_MODEL ->
          model
              ? "{Payer} will pay {model}, and that covers what it costs to serve them."
              : "{Payer} will pay more for it than it costs to serve them.";
      case UNFAIR_ADVANTAGE -> "The founder has an edge {rivals} cannot copy quickly.";
      case FEASIBILITY -> "A first version of {it} can be built in weeks, not months.";
      case GO_TO_MARKET -> "The first {who} can be reached without paid ads.";
    };
  }

  /** Words that show an answer speaks to a dimension, whichever question it answered. */
  static List<String> cues(Dimension d) {
    return switch (d) {
      case PROBLEM -> List.of("problem", "pain", "loses", "lost", "hours", "frustrat");
      case CUSTOMER -> List.of("customer", "spoke to", "talked to", "interviewed", "freelancer");
      case MARKET -> List.of("market", "counted", "registry", "thousand", "million");
      case SOLUTION -> List.of("instead", "spreadsheet", "workaround", "mock-up");
      case BUSINESS_MODEL -> List.of(" pay", "paid", "price", "$", "€", "£", "subscription", "fee");
      case UNFAIR_ADVANTAGE -> List.of("dataset", "partner", "years in", "know the buyers");
      case FEASIBILITY -> List.of("prototype", "built", "by hand", "hard part");
      case GO_TO_MARKET -> List.of("newsletter", "community", "cold email", "referral");
    };
  }
}
