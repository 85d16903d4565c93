package dev.socra.core.stub;

import dev.socra.core.interview.AssumptionStatus;
import dev.socra.core.interview.Dimension;
import dev.socra.core.pipeline.Basis;
import dev.socra.core.pipeline.Finding;
import dev.socra.core.pipeline.SizingInput;
import dev.socra.core.pipeline.Specialist;
import dev.socra.core.pipeline.SpecialistReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The five demo specialists: findings on their own focus, each marked with its basis. The founder's
 * typed answers that said something are quoted as founder findings, with what the founder stated
 * (customers, price or fee, competitors); the rest is inference or general knowledge. A
 * specialist's confidence follows the scores of the dimensions it rests on, so an interview of
 * evasions gives low confidence and one of counted facts a higher one.
 */
final class SpecialistWriter {
  private static final int EVIDENCE = 2;
  private static final int MAX_FINDINGS = 6;

  /** A count of people or things: a number not followed by "%" or preceded by a currency. */
  private static final Pattern COUNT =
      Pattern.compile("(?<![$€£\\d.,])\\b(\\d[\\d,]*)\\b(?![.,]?\\d)(?!\\s?%)(?!\\s?(?:€|£|\\$))");

  private final Founder founder;
  private final Wording wording;

  SpecialistWriter(Founder founder) {
    this.founder = founder;
    this.wording = founder.wording();
  }

  SpecialistReport report(Specialist s) {
    List<Finding> findings = new ArrayList<>(evidence(s));
    findings.addAll(stated(s));
    for (Finding f : own(s)) {
      if (findings.size() < MAX_FINDINGS) {
        findings.add(f);
      }
    }
    return new SpecialistReport(
        s,
        findings.subList(0, Math.min(MAX_FINDINGS, findings.size())),
        s == Specialist.MARKET ? sizing() : List.of(),
        openQuestions(s),
        summary(s),
        confidence(s));
  }

  private String summary(Specialist s) {
    String view = s.title() + " view of " + wording.itFirst() + ": ";
    if (founder.evidence().useful().isEmpty() && !founder.evidence().evasions().isEmpty()) {
      return view
          + "the answers gave no evidence ("
          + founder.evasionSamples()
          + "), so nothing here rests on the founder's words beyond the idea; unproven on "
          + s.focus()
          + ".";
    }
    double mean = mean(s);
    if (mean >= 5) {
      return view
          + "the founder's own evidence carries part of it; still open on "
          + s.focus()
          + ".";
    }
    return view
        + "little of what the founder said speaks to "
        + s.focus()
        + "; treat what follows as hypotheses to test.";
  }

  /** The mean score of the dimensions a specialist rests on. */
  private double mean(Specialist s) {
    return relevant(s).stream().mapToInt(founder::score).average().orElse(0);
  }

  /**
   * From 0.05 to 0.9: how far the founder's evidence supports this focus. It follows the mean score
   * of the dimensions the specialist rests on, less for each of their assumptions that an answer
   * contradicted.
   */
  private double confidence(Specialist s) {
    long contradicted =
        relevant(s).stream()
            .filter(d -> founder.evidence().status(d) == AssumptionStatus.CONTRADICTED)
            .count();
    double c = 0.1 + 0.08 * mean(s) - 0.1 * contradicted;
    return Math.round(Math.max(0.05, Math.min(0.9, c)) * 100) / 100.0;
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

  /**
   * The founder's typed answers that said something and bear on this focus (else the latest such
   * answers), quoted as founder findings; the idea when there are none.
   */
  private List<Finding> evidence(Specialist s) {
    Evidence e = founder.evidence();
    List<Integer> useful = e.useful();
    SortedSet<Integer> picked = new TreeSet<>();
    for (Dimension d : relevant(s)) {
      for (int i : e.about(d)) {
        if (useful.contains(i) && picked.size() < EVIDENCE) {
          picked.add(i);
        }
      }
    }
    for (int k = useful.size() - 1; k >= 0 && picked.size() < EVIDENCE; k--) {
      picked.add(useful.get(k));
    }
    List<Finding> out = new ArrayList<>();
    picked.forEach(
        i ->
            out.add(
                new Finding(
                    Basis.FOUNDER,
                    Founder.label(i),
                    "The founder said "
                        + IdeaWords.quoted(Evidence.quotable(founder.words().answers().get(i))))));
    if (out.isEmpty()) {
      out.add(
          new Finding(
              Basis.FOUNDER,
              "idea",
              "The idea as the founder put it: "
                  + IdeaWords.quoted(IdeaWords.ideaQuote(founder.words().idea()))));
    }
    return out;
  }

  /** What the founder stated that this specialist builds on: customers, model, competitors. */
  private List<Finding> stated(Specialist s) {
    FounderFacts facts = founder.evidence().facts();
    List<Finding> out = new ArrayList<>();
    if (s == Specialist.MARKET) {
      facts
          .customers()
          .ifPresent(
              c ->
                  out.add(
                      new Finding(
                          Basis.FOUNDER,
                          c.source(),
                          "The customers the founder names: " + c.text() + ".")));
    }
    if (s == Specialist.ECONOMICS) {
      facts
          .model()
          .ifPresent(
              m ->
                  out.add(
                      new Finding(
                          Basis.FOUNDER, m.source(), "The founder's model: " + m.text() + ".")));
    }
    List<FounderFacts.Stated> rivals = facts.competitors();
    if (!rivals.isEmpty() && (s == Specialist.MARKET || s == Specialist.GO_TO_MARKET)) {
      out.add(
          new Finding(
              Basis.FOUNDER,
              rivals.getFirst().source(),
              "Competitors the founder named: " + wording.rivals() + "."));
    }
    return out;
  }

  /** The specialist's own findings: inference from the answers, or general knowledge. */
  private List<Finding> own(Specialist s) {
    String it = wording.it();
    String from = founder.sources();
    Own f = new Own(from);
    return switch (s) {
      case MARKET ->
          List.of(
              f.inference(
                  "The first segment is "
                      + (wording.who().equals("people")
                          ? "whoever the founder has already spoken to"
                          : wording.who())
                      + "; size the market bottom-up from them before quoting any total."),
              wording.hasRivals()
                  ? f.inference(
                      wording.rivals()
                          + " set the price and the bar: the first customers must have a reason"
                          + " to switch from them.")
                  : f.general(
                      "Today's alternative is usually a workaround (spreadsheets, messages,"
                          + " manual effort): that is the real competitor, and it sets the"
                          + " price ceiling."),
              f.inference(marketClaim()));
      case ARCHITECTURE ->
          List.of(
              f.inference(
                  "Build first the one workflow at the heart of "
                      + it
                      + ", run by hand behind a simple web form if need be."),
              f.general(
                  "One web application with one relational database serves the first thousand"
                      + " users; no microservices."),
              f.inference("Main build risk: " + buildRisk() + "."),
              f.general(
                  "Keep automation and AI out of the first release unless they are the product."));
      case ECONOMICS -> economics();
      case GO_TO_MARKET ->
          List.of(
              f.inference(
                  "The first hundred customers come from direct outreach: the people already"
                      + " interviewed, their referrals, and the communities they named."),
              f.general(
                  "Sales motion: founder-led, one conversation or demo each, until the pitch"
                      + " converts reliably."),
              f.inference("Channel to test first: " + channel() + "."));
      case RISK ->
          List.of(
              f.general(
                  Wording.capital(it)
                      + " will hold personal data: consent, retention and deletion rules (GDPR"
                      + " or its local equivalent) apply from the first user."),
              f.general("Liability: the terms must say what it does and does not guarantee."),
              f.general("Dependency risk: " + dependency() + "."),
              f.inference(
                  "Key-person risk: the know-how sits with the founder; write the process down"
                      + " early."));
    };
  }

  private String marketClaim() {
    int useful = founder.evidence().useful().size();
    int typed = founder.typed();
    if (typed == 0) {
      return "No interview answers yet: treat every size as a hypothesis until customers are"
          + " counted.";
    }
    return "Of "
        + typed
        + " typed answers, "
        + useful
        + " said something a market size can rest on; treat every size as a hypothesis until"
        + " customers are counted.";
  }

  private List<Finding> economics() {
    Own f = new Own(founder.sources());
    Optional<FounderFacts.Stated> model = founder.evidence().facts().model();
    boolean fee = founder.evidence().facts().fee().isPresent();
    boolean paid = founder.score(Dimension.BUSINESS_MODEL) >= 7;
    boolean refused =
        founder.evidence().status(Dimension.BUSINESS_MODEL) == AssumptionStatus.CONTRADICTED;
    List<Finding> out = new ArrayList<>();
    if (model.isEmpty()) {
      out.add(f.general(KindLines.usualPricing(wording.kind())));
      out.add(
          f.inference(
              "No price was stated: the first experiment should put one in front of "
                  + (wording.who().equals("people") ? "the first customers" : wording.who())
                  + "."));
    } else if (fee) {
      out.add(
          f.inference(
              "At "
                  + model.get().text()
                  + ", revenue is volume times booking value: count the bookings a month and"
                  + " what each is worth before anything else."));
    } else {
      out.add(
          f.inference(
              "At "
                  + model.get().text()
                  + ", the first number to learn is how many pay it each month, and for how"
                  + " long."));
    }
    out.add(
        f.general(
            "Cost to serve is mostly hosting and support at small scale; card payments cost"
                + " about 3% of each payment."));
    out.add(
        f.inference(
            refused
                ? "An answer says nobody has paid yet: payback cannot be judged until someone"
                    + " does."
                : paid
                    ? "A payment is shown in the answers: payback can be estimated from it once"
                        + " the cost to win a customer is counted."
                    : "Payback cannot be judged until someone has paid: no answer shows a"
                        + " payment yet."));
    return out;
  }

  /**
   * The market bottom-up: how many customers the founder counted (the first count in a typed
   * answer), what each pays (the founder's price or fee, else what is generally known), and the
   * product of the two.
   */
  private List<SizingInput> sizing() {
    String count = "not counted yet";
    String source = "";
    Basis basis = Basis.INFERENCE;
    List<Integer> order = new ArrayList<>();
    for (Dimension d : List.of(Dimension.MARKET, Dimension.CUSTOMER)) {
      founder.evidence().about(d).stream()
          .filter(founder.evidence().useful()::contains)
          .filter(i -> !order.contains(i))
          .forEach(order::add);
    }
    founder.evidence().useful().stream().filter(i -> !order.contains(i)).forEach(order::add);
    for (int i : order) {
      Matcher m = COUNT.matcher(founder.words().answers().get(i));
      if (m.find()) {
        count = m.group(1);
        source = Founder.label(i);
        basis = Basis.FOUNDER;
        break;
      }
    }
    Optional<FounderFacts.Stated> model = founder.evidence().facts().model();
    SizingInput price =
        model
            .map(m -> new SizingInput("what a customer pays", Basis.FOUNDER, m.source(), m.text()))
            .orElse(
                new SizingInput("what a customer pays", Basis.GENERAL_KNOWLEDGE, "", usualPrice()));
    Optional<FounderFacts.Stated> fee = founder.evidence().facts().fee();
    String revenue;
    if (basis != Basis.FOUNDER || model.isEmpty()) {
      revenue = "unknown until the segment is counted and a price is paid";
    } else if (fee.isPresent()) {
      revenue =
          count
              + " customers × their bookings a year × what a booking is worth × the fee ("
              + fee.get().text()
              + "); bookings and their worth are not known yet";
    } else {
      revenue = count + " customers × " + model.get().text() + ", over a year";
    }
    return List.of(
        new SizingInput("customers in the first segment", basis, source, count),
        price,
        new SizingInput("first-segment revenue a year", Basis.INFERENCE, source, revenue));
  }

  private String usualPrice() {
    return switch (wording.kind()) {
      case MARKETPLACE -> "10–20% of each booking (check this)";
      case B2B -> "$20–$100 a month per business (check this)";
      case CONSUMER -> "$3–$15 a month, paid by a small share of users (check this)";
      case HARDWARE -> "a one-off price several times the parts' cost (check this)";
      case DEEP_TECH -> "paid pilots and licences first (check this)";
      case SERVICES -> "an hourly rate or a fee per engagement (check this)";
    };
  }

  private List<String> openQuestions(Specialist s) {
    String it = wording.it();
    String who = wording.who().equals("people") ? "the first customers" : wording.who();
    return switch (s) {
      case MARKET ->
          List.of(
              "How many of the people interviewed switched to " + it + " or asked for it?",
              "Which segment feels the problem most often?");
      case ARCHITECTURE ->
          List.of(
              "Which single workflow of " + it + " must work on day one?",
              "What data or integration does it depend on, and who controls it?");
      case ECONOMICS ->
          List.of(
              wording.hasModel()
                  ? "Who has paid " + wording.model() + " so far, and how often?"
                  : "What has anyone actually paid for " + it + " or its workaround?",
              "What does it cost to win one customer when outreach stops being personal?");
      case GO_TO_MARKET ->
          List.of(
              "Where do " + who + " gather online or offline?",
              "Who outside the founder's network has asked for it?");
      case RISK ->
          List.of(
              "Which regulation applies to " + it + " in the first market?",
              "What happens to customers if a key supplier or platform changes its terms?");
    };
  }

  private String buildRisk() {
    return switch (wording.kind()) {
      case MARKETPLACE ->
          "matching both sides fast enough for the first users to see value, and trust between"
              + " strangers";
      case HARDWARE -> "manufacturing, certification and the cost of each unit";
      case DEEP_TECH -> "getting from a lab result to something a customer can use";
      case B2B -> "integrations with the tools the business already runs";
      case SERVICES -> "delivering the same quality once the founder is not doing the work";
      case CONSUMER -> "getting people to come back after the first week";
    };
  }

  private String channel() {
    return switch (wording.kind()) {
      case MARKETPLACE ->
          "sign up the harder side by hand first (usually supply), then bring the other side"
              + " to it";
      case B2B -> "cold outreach to a list of named businesses, with the founder on every call";
      case CONSUMER -> "online communities where the problem is already discussed";
      case HARDWARE -> "a pilot with a few customers who install it and report back";
      case DEEP_TECH -> "a paid pilot with one lab or company that feels the problem most";
      case SERVICES -> "referrals from the first clients and the founder's own network";
    };
  }

  private String dependency() {
    return switch (wording.kind()) {
      case MARKETPLACE -> "payment providers' rules for holding and paying out money between users";
      case CONSUMER -> "app-store rules and review times";
      case HARDWARE -> "one supplier or factory carrying most of the product";
      case DEEP_TECH -> "licences and the lab partners behind the core result";
      case B2B, SERVICES -> "a single platform or API whose terms can change overnight";
    };
  }

  /** The specialist's own findings: an inference rests on the answers that said something. */
  private record Own(String from) {
    Finding inference(String claim) {
      return new Finding(Basis.INFERENCE, from, claim);
    }

    Finding general(String claim) {
      return new Finding(Basis.GENERAL_KNOWLEDGE, "", claim);
    }
  }
}
