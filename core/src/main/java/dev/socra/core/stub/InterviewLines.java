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
              "Who exactly would use \"{idea}\" first: name one person you have spoken to, and"
                  + " what do they do today instead?",
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
              "What is the smallest version of \"{idea}\" you could put in front of someone this"
                  + " week, and what would they stop doing because of it?");
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
              "How did the last person you told about \"{idea}\" hear of you, and how would the"
                  + " next hundred find you?",
              "Where do the first ten users of \"{idea}\" gather today, and when did you last"
                  + " reach out to one of them?");
    };
  }

  /** Concrete answers a founder might give to that dimension's question; all different. */
  static List<String> choices(Dimension d) {
    return switch (d) {
      case PROBLEM ->
          List.of(
              "Last week a shop owner told me she loses about three hours a week to this.",
              "It happened to me twice this month; both times I ended up doing it by hand in a"
                  + " spreadsheet.",
              "Honestly, I have not seen it happen to anyone but me yet.",
              "Five of the eight people I interviewed described it without being asked.");
      case CUSTOMER ->
          List.of(
              "Freelancers who deal with it every week; I spoke to four of them last month.",
              "Operations leads at companies of 10 to 50 people; one is a former colleague.",
              "I have not spoken to a specific customer yet.",
              "Two friends who asked me last year for exactly this.");
      case MARKET ->
          List.of(
              "I counted about 1,200 businesses in my region from a public registry.",
              "Around 40,000 in the country, from the trade association's member count.",
              "I have not counted them; the number comes from a market report.",
              "They already spend about $50 a month each on workarounds.");
      case SOLUTION ->
          List.of(
              "Spreadsheets and group chats; the last person I asked loses track every week.",
              "A generic tool that costs too much and does ten things beyond what they need.",
              "Nothing: they simply live with the problem today.",
              "I could run \"{idea}\" by hand for three customers this week, no code needed.");
      case BUSINESS_MODEL ->
          List.of(
              "Two people pre-paid $20 each after I showed them a mock-up.",
              "Nobody has paid yet; three said they would at around $15 a month.",
              "Their company pays about $200 a month for workarounds, signed off by the owner.",
              "A free tier, then teams pay per seat.");
      case UNFAIR_ADVANTAGE ->
          List.of(
              "I worked six years in this industry and know the buyers personally.",
              "A dataset behind \"{idea}\" that took me two years to collect.",
              "Nothing yet, apart from speed and caring more than anyone else.",
              "A partner who already sells to exactly these customers.");
      case FEASIBILITY ->
          List.of(
              "I built a rough prototype over a weekend; the matching logic was the hardest part.",
              "Getting access to the data is the hard part, and I have not tested it yet.",
              "My co-founder built something similar at her last job.",
              "I did it by hand for two customers last month and it worked.");
      case GO_TO_MARKET ->
          List.of(
              "The last three found me through an online community where people ask about this.",
              "Through the newsletter I already write for 2,000 people in this niche.",
              "I have not reached out to anyone yet.",
              "Cold emails to 50 local businesses: 6 replied and 2 took a call.");
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
