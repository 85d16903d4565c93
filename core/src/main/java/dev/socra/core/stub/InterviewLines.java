package dev.socra.core.stub;

import dev.socra.core.interview.Dimension;
import java.util.List;

/**
 * What the demo interviewer says, per dimension. The questions follow the Mom Test and the way YC
 * partners question founders: the customer's past behaviour and specifics, never "would you use
 * it?". {@code {idea}} stands for a few of the founder's own words.
 */
final class InterviewLines {
  private InterviewLines() {}

  static List<String> questions(Dimension d) {
    return switch (d) {
      case PROBLEM ->
          List.of(
              "When did someone last run into the problem behind \"{idea}\", and what did it cost"
                  + " them that day?",
              "Tell me about the most recent time the problem behind \"{idea}\" actually"
                  + " happened: who was it, and what did they do next?");
      case CUSTOMER ->
          List.of(
              "Who is the last person you spoke to who needs \"{idea}\", and what do they do"
                  + " today instead?",
              "Which specific person have you watched struggle without \"{idea}\", what is their"
                  + " job, and how did they cope last week?");
      case MARKET ->
          List.of(
              "How many people or companies need \"{idea}\" today, and how did you count them"
                  + " rather than estimate them?",
              "Where do the people who need \"{idea}\" already spend money on this problem, and"
                  + " roughly how much did they spend last year?");
      case SOLUTION ->
          List.of(
              "What do people use today instead of \"{idea}\", and what did the last one you spoke"
                  + " to complain about in it?",
              "What is the smallest version of \"{idea}\" you have put in front of someone, and"
                  + " what did they stop doing because of it?");
      case BUSINESS_MODEL ->
          List.of(
              "Has anyone paid, pre-ordered or signed a letter of intent for \"{idea}\" yet, and"
                  + " for how much?",
              "What does the person who needs \"{idea}\" pay today to work around the problem,"
                  + " and who signs off on that spending?");
      case UNFAIR_ADVANTAGE ->
          List.of(
              "What do you know or have access to for \"{idea}\" that a well-funded competitor"
                  + " could not copy in six months?",
              "Why are you the one to build \"{idea}\": what have you done in this field that"
                  + " others have not?");
      case FEASIBILITY ->
          List.of(
              "What is the hardest part of building \"{idea}\", and have you or someone on your"
                  + " team built anything like it before?",
              "Which part of \"{idea}\" have you already tried by hand or with a prototype, and"
                  + " what broke?");
      case GO_TO_MARKET ->
          List.of(
              "How did the last person you told about \"{idea}\" hear of you, and where did the"
                  + " next ones come from?",
              "Where do the first ten users of \"{idea}\" gather today, and when did you last"
                  + " reach out to one of them?");
    };
  }

  /**
   * Positions a founder might take on that dimension's question; all different. Never a fact the
   * founder has not given (no numbers, no names): the founder says the facts in their own words.
   */
  static List<String> choices(Dimension d) {
    return switch (d) {
      case PROBLEM ->
          List.of(
              "It happened recently — I'll describe it",
              "Not that I've seen myself",
              "Only to me so far",
              "I don't know yet");
      case CUSTOMER ->
          List.of("Yes — I'll say who they are", "Not yet", "Only friends so far", "I don't know");
      case MARKET ->
          List.of(
              "I counted — I'll give the number",
              "Not yet",
              "Only from a market report",
              "I don't know");
      case SOLUTION ->
          List.of(
              "They use a workaround — I'll describe it",
              "Nothing: they live with it",
              "I haven't asked",
              "I don't know");
      case BUSINESS_MODEL ->
          List.of("Yes — I'll say how much", "Not yet", "Only promises so far", "I don't know");
      case UNFAIR_ADVANTAGE ->
          List.of("Yes — I'll explain it", "Nothing yet", "Only speed so far", "I don't know");
      case FEASIBILITY ->
          List.of("Yes — I'll say what broke", "Not yet", "Only on paper", "I don't know");
      case GO_TO_MARKET ->
          List.of("Yes — I'll say how", "Not yet", "Only friends and family", "I don't know");
    };
  }

  /** What a dimension's score is about, for its one-line reason. */
  static String subject(Dimension d) {
    return switch (d) {
      case PROBLEM -> "how often the problem behind \"{idea}\" happens and what it costs";
      case CUSTOMER -> "who exactly needs \"{idea}\" first";
      case MARKET -> "how many people would pay for \"{idea}\"";
      case SOLUTION -> "why \"{idea}\" beats today's workarounds";
      case BUSINESS_MODEL -> "who pays for \"{idea}\" and how much";
      case UNFAIR_ADVANTAGE -> "what makes \"{idea}\" hard to copy";
      case FEASIBILITY -> "how hard \"{idea}\" is to build";
      case GO_TO_MARKET -> "how the first users of \"{idea}\" will be reached";
    };
  }

  /** The belief about the idea that a dimension tests. */
  static String assumption(Dimension d) {
    return switch (d) {
      case PROBLEM ->
          "The problem behind \"{idea}\" happens often enough that people want it solved now.";
      case CUSTOMER -> "A specific group of people who need \"{idea}\" can be named and reached.";
      case MARKET -> "Enough people need \"{idea}\" to build a business on it.";
      case SOLUTION -> "\"{idea}\" works better than the workarounds people use today.";
      case BUSINESS_MODEL -> "People will pay more for \"{idea}\" than it costs to serve them.";
      case UNFAIR_ADVANTAGE ->
          "The founder has an edge on \"{idea}\" that competitors cannot copy quickly.";
      case FEASIBILITY -> "A first version of \"{idea}\" can be built in weeks, not months.";
      case GO_TO_MARKET -> "The first users of \"{idea}\" can be reached without paid ads.";
    };
  }

  /** Words that show an answer speaks to a dimension, whichever question it answered. */
  static List<String> cues(Dimension d) {
    return switch (d) {
      case PROBLEM -> List.of("problem", "pain", "loses", "lost", "hours", "frustrat");
      case CUSTOMER -> List.of("customer", "spoke to", "talked to", "interviewed", "freelancer");
      case MARKET -> List.of("market", "counted", "registry", "thousand", "million");
      case SOLUTION -> List.of("instead", "spreadsheet", "workaround", "mock-up");
      case BUSINESS_MODEL -> List.of(" pay", "paid", "price", "$", "€", "subscription");
      case UNFAIR_ADVANTAGE -> List.of("dataset", "partner", "years in", "know the buyers");
      case FEASIBILITY -> List.of("prototype", "built", "by hand", "hard part");
      case GO_TO_MARKET -> List.of("newsletter", "community", "cold email", "referral");
    };
  }

  /** Signs that an answer speaks against an assumption rather than for it. */
  static final List<String> AGAINST =
      List.of(" not ", "n't", "nobody", "no one", "never", "nothing");
}
