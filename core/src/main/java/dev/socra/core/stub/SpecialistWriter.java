package dev.socra.core.stub;

import dev.socra.core.interview.Dimension;
import dev.socra.core.pipeline.Basis;
import dev.socra.core.pipeline.Finding;
import dev.socra.core.pipeline.SizingInput;
import dev.socra.core.pipeline.Specialist;
import dev.socra.core.pipeline.SpecialistReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The five demo specialists: findings on their own focus, each marked with its basis: the founder's
 * typed answers quoted as founder findings, the rest inference or general knowledge.
 */
final class SpecialistWriter {
  private static final int EVIDENCE = 2;

  private final IdeaWords words;

  SpecialistWriter(IdeaWords words) {
    this.words = words;
  }

  SpecialistReport report(Specialist s) {
    String summary =
        s.title()
            + " view of \""
            + words.label()
            + "\": promising where the founder gave specifics, unproven on "
            + s.focus()
            + ".";
    List<Finding> findings = new ArrayList<>(evidence(s));
    List<String> general = findings(s);
    List<Basis> bases = bases(s);
    for (int i = 0; i < general.size(); i++) {
      findings.add(
          new Finding(
              bases.get(i), bases.get(i) == Basis.INFERENCE ? sources() : "", general.get(i)));
    }
    return new SpecialistReport(
        s,
        findings,
        s == Specialist.MARKET ? sizing() : List.of(),
        openQuestions(s),
        summary,
        confidence());
  }

  /** What each of a specialist's own findings rests on, in their order. */
  private static List<Basis> bases(Specialist s) {
    Basis i = Basis.INFERENCE;
    Basis g = Basis.GENERAL_KNOWLEDGE;
    return switch (s) {
      case MARKET -> List.of(i, g, i, i);
      case ARCHITECTURE -> List.of(i, g, i, g);
      case ECONOMICS -> List.of(g, g, i, i);
      case GO_TO_MARKET -> List.of(i, g, i, i);
      case RISK -> List.of(g, g, g, i);
    };
  }

  /** The typed answers an inference rests on ("A1, A3"), or the idea. */
  private String sources() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < words.answers().size() && out.size() < 3; i++) {
      if (!words.clicked(i)) {
        out.add("A" + (i + 1));
      }
    }
    return out.isEmpty() ? "idea" : String.join(", ", out);
  }

  /**
   * The market bottom-up: how many people the founder counted (their first number, when they gave
   * one), what each might pay (general knowledge), and the product of the two.
   */
  private List<SizingInput> sizing() {
    String count = "not counted yet";
    String source = "";
    Basis basis = Basis.INFERENCE;
    for (int i = 0; i < words.answers().size(); i++) {
      java.util.regex.Matcher m = NUMBER.matcher(words.answers().get(i));
      if (!words.clicked(i) && m.find()) {
        count = m.group();
        source = "A" + (i + 1);
        basis = Basis.FOUNDER;
        break;
      }
    }
    int price = price();
    return List.of(
        new SizingInput("customers in the first segment", basis, source, count),
        new SizingInput(
            "price a customer pays a month",
            Basis.GENERAL_KNOWLEDGE,
            "",
            "$" + price + " (check this)"),
        new SizingInput(
            "first-segment revenue a year",
            Basis.INFERENCE,
            source,
            basis == Basis.FOUNDER
                ? count + " × $" + price + " × 12"
                : "unknown until the segment is counted"));
  }

  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile("\\p{Nd}[\\p{Nd},]*");

  private List<String> findings(Specialist s) {
    String idea = "\"" + words.label() + "\"";
    int said = words.answers().size();
    return switch (s) {
      case MARKET ->
          List.of(
              "The first segment for "
                  + idea
                  + " is the people the founder has already spoken"
                  + " to; size the market bottom-up from them before quoting any total.",
              "Today's alternative is a workaround (spreadsheets, messages, manual effort): that is"
                  + " the real competitor, and it sets the price ceiling.",
              "Worth comparing: individuals who feel the pain weekly versus small teams who pay to"
                  + " make it go away.",
              "Market claims rest on "
                  + said
                  + " interview answers; treat every size as a"
                  + " hypothesis until customers are counted.");
      case ARCHITECTURE ->
          List.of(
              "Build first the one workflow at the heart of "
                  + idea
                  + ", run by hand behind a"
                  + " simple web form if need be.",
              "One web application with one relational database serves the first thousand users;"
                  + " no microservices.",
              "Main build risk: " + pickOf("build risk", BUILD_RISKS) + ".",
              "Keep automation and AI out of the first release unless they are the product.");
      case ECONOMICS ->
          List.of(
              "Price anchor for "
                  + idea
                  + ": what users already spend on workarounds, starting"
                  + " near $"
                  + price()
                  + " a month.",
              "Cost to serve is mostly hosting and support, under $"
                  + (2 + words.pick("cost", 4))
                  + " per customer a month at small scale.",
              "Payback within "
                  + (3 + words.pick("payback", 6))
                  + " months is plausible while"
                  + " acquisition stays founder-led.",
              "The first phase needs about "
                  + (6 + words.pick("runway", 7))
                  + " months of"
                  + " runway for one or two founders.");
      case GO_TO_MARKET ->
          List.of(
              "The first hundred customers for "
                  + idea
                  + " come from direct outreach: the people"
                  + " already interviewed, their referrals, and the communities they named.",
              "Sales motion: founder-led, one conversation or demo each, until the pitch converts"
                  + " reliably.",
              "Channel to test first: " + pickOf("channel", CHANNELS) + ".",
              "Growth loop: each user of "
                  + idea
                  + " shows the result to the next (shared"
                  + " outputs, invitations, referrals).");
      case RISK ->
          List.of(
              idea
                  + " will hold personal data: consent, retention and deletion rules (GDPR or"
                  + " its local equivalent) are needed from the first user.",
              "Liability: the terms must say what " + idea + " does and does not guarantee.",
              "Dependency risk: " + pickOf("dependency", DEPENDENCIES) + ".",
              "Key-person risk: the know-how sits with the founder; write the process down"
                  + " early.");
    };
  }

  /**
   * The founder's typed answers that bear on this focus (else the latest ones), quoted as founder
   * findings; the idea when there are none.
   */
  private List<Finding> evidence(Specialist s) {
    List<String> answers = words.answers();
    java.util.SortedSet<Integer> picked = new java.util.TreeSet<>();
    for (int i = 0; i < answers.size() && picked.size() < EVIDENCE; i++) {
      if (!words.clicked(i) && relevant(s).contains(IdeaWords.dimensionOf(i + 1))) {
        picked.add(i);
      }
    }
    for (int i = answers.size() - 1; i >= 0 && picked.size() < EVIDENCE; i--) {
      if (!words.clicked(i)) {
        picked.add(i);
      }
    }
    List<Finding> out = new ArrayList<>();
    picked.forEach(
        i ->
            out.add(
                new Finding(
                    Basis.FOUNDER,
                    "A" + (i + 1),
                    "The founder said " + IdeaWords.quote(answers.get(i)))));
    if (out.isEmpty()) {
      out.add(
          new Finding(
              Basis.FOUNDER,
              "idea",
              "The idea as the founder put it: "
                  + IdeaWords.quote(IdeaWords.firstSentence(words.idea()))));
    }
    return out;
  }

  private static List<Dimension> relevant(Specialist s) {
    return switch (s) {
      case MARKET -> List.of(Dimension.PROBLEM, Dimension.CUSTOMER, Dimension.MARKET);
      case ARCHITECTURE -> List.of(Dimension.SOLUTION, Dimension.FEASIBILITY);
      case ECONOMICS -> List.of(Dimension.BUSINESS_MODEL, Dimension.MARKET);
      case GO_TO_MARKET -> List.of(Dimension.GO_TO_MARKET, Dimension.CUSTOMER);
      case RISK -> List.of(Dimension.FEASIBILITY, Dimension.UNFAIR_ADVANTAGE);
    };
  }

  private List<String> openQuestions(Specialist s) {
    String idea = "\"" + words.label() + "\"";
    return switch (s) {
      case MARKET ->
          List.of(
              "How many of the people interviewed would switch to " + idea + " this month?",
              "Which segment feels the problem most often?");
      case ARCHITECTURE ->
          List.of(
              "Which single workflow of " + idea + " must work on day one?",
              "What data or integration does it depend on, and who controls it?");
      case ECONOMICS ->
          List.of(
              "What has anyone actually paid for " + idea + " or its workaround?",
              "What does it cost to win one customer when outreach stops being personal?");
      case GO_TO_MARKET ->
          List.of(
              "Where do the first ten users of " + idea + " gather online or offline?",
              "Who outside the founder's network has asked for it?");
      case RISK ->
          List.of(
              "Which regulation applies to " + idea + " in the first market?",
              "What happens to customers if a key supplier or platform changes its terms?");
    };
  }

  /** From 0.3 with nothing said up to 0.8: the interview supports more the more it says. */
  private double confidence() {
    double c = 0.3 + 0.07 * Math.min(words.answers().size(), 6) + 0.01 * words.pick("conf", 8);
    return Math.round(Math.min(0.8, c) * 100) / 100.0;
  }

  private int price() {
    return List.of(9, 15, 19, 29, 49, 79).get(words.pick("price", 6));
  }

  private String pickOf(String salt, List<String> options) {
    return options.get(words.pick(salt, options.size()));
  }

  private static final List<String> BUILD_RISKS =
      List.of(
          "integrations with third-party data the product cannot control",
          "trust between strangers, which needs reviews and verification from the start",
          "matching supply and demand fast enough for a first user to see value",
          "reliability of the one step users depend on every day");
  private static final List<String> CHANNELS =
      List.of(
          "online communities where the problem is already discussed",
          "partnerships with a business that already serves these customers",
          "content answering the exact questions people search for",
          "cold outreach to a list of 100 named prospects");
  private static final List<String> DEPENDENCIES =
      List.of(
          "a single platform or API whose terms can change overnight",
          "app-store rules and review times",
          "one supplier or partner carrying most of the value",
          "payment providers' rules for this kind of business");
}
