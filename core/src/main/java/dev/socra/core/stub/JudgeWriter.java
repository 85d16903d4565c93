package dev.socra.core.stub;

import dev.socra.core.interview.AssumptionStatus;
import dev.socra.core.interview.Dimension;
import dev.socra.core.pipeline.Criterion;
import dev.socra.core.pipeline.Critique;
import dev.socra.core.pipeline.Decision;
import dev.socra.core.pipeline.Experiment;
import dev.socra.core.pipeline.TribunalRules;
import dev.socra.core.pipeline.Verdict;
import dev.socra.core.pipeline.Verdict.RubricScore;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The demo devil's advocate and tribunal: the case against the idea, then the verdict, both from
 * what the founder's answers showed. Each rubric criterion follows the scores of the dimensions it
 * judges (a contradicted assumption caps it at 2), and the decision follows the rubric: pursue only
 * with shown demand, drop when the evidence is against it or the founder could not answer at all,
 * pivot when the problem stands but the model was contradicted, test otherwise.
 */
final class JudgeWriter {
  static final double PURSUE_MEAN = 3.8;
  static final double NOTHING_SHOWN_MEAN = 1.8;

  private final Founder founder;
  private final Wording wording;

  JudgeWriter(Founder founder) {
    this.founder = founder;
    this.wording = founder.wording();
  }

  Critique critique() {
    Evidence e = founder.evidence();
    List<String> weaknesses = new ArrayList<>();
    if (!e.evasions().isEmpty()) {
      weaknesses.add(
          e.evasions().size()
              + " of "
              + founder.typed()
              + " answers said nothing specific ("
              + founder.evasionSamples()
              + "): the case has gaps the founder could not fill when asked.");
    }
    weaknesses.add(
        wording.hasModel()
            ? "Nobody is shown paying " + wording.model() + " yet; the case assumes they will."
            : "No price has been stated, let alone paid.");
    weaknesses.add(
        wording.hasRivals()
            ? wording.rivals()
                + " already serve these customers; switching needs a reason the interview has not"
                + " shown."
            : "The workaround people use today is free and good enough for many of them.");
    weaknesses.add(
        "The first channel depends on the founder's personal network and may not scale.");
    String who = wording.who().equals("people") ? "customers" : wording.who();
    return new Critique(
        weaknesses,
        "The case for "
            + wording.itFirst()
            + " rests on "
            + grounds()
            + ". People who like an idea in a conversation often keep their old workaround when"
            + " asked to switch or pay.",
        List.of(
            "Fewer than 3 of the first 10 " + who + " pay " + price() + " after the trial.",
            "Four-week retention below 20% in the private beta.",
            "Cost to acquire a customer above first-year revenue after 100 customers."));
  }

  /** What the case rests on, in a phrase. */
  private String grounds() {
    Optional<Integer> best = founder.best();
    if (best.isPresent()) {
      return "the founder's conviction and answers such as " + founder.cite(best.get());
    }
    if (!founder.evidence().evasions().isEmpty()) {
      return "the idea alone, since the answers (" + founder.evasionSamples() + ") added nothing";
    }
    return "the idea and the founder's conviction alone";
  }

  Verdict verdict() {
    Map<Criterion, Integer> rubric = rubric();
    List<RubricScore> scores = new ArrayList<>();
    for (Criterion c : Criterion.values()) {
      scores.add(new RubricScore(c, reason(c, rubric.get(c)), rubric.get(c)));
    }
    double mean = rubric.values().stream().mapToInt(Integer::intValue).average().orElse(0);
    Decision decision = decide(rubric, mean);
    List<String> reasons = new ArrayList<>();
    reasons.add(headline(decision, rubric));
    reasons.add(
        "Average rubric score "
            + String.format(Locale.ROOT, "%.1f", mean)
            + " of 5 for "
            + wording.itFirst()
            + ".");
    reasons.add(
        founder
            .best()
            .map(
                i ->
                    "The strongest evidence is what the founder reported: " + founder.cite(i) + ".")
            .orElse("No answer showed past behaviour; the idea's own claims are all there is."));
    return new Verdict(scores, reasons, List.of(experiment(decision)), decision);
  }

  /** Each criterion from the scores of the dimensions it judges, on the rubric's 1 to 5. */
  Map<Criterion, Integer> rubric() {
    Map<Criterion, Integer> out = new EnumMap<>(Criterion.class);
    int problem = founder.score(Dimension.PROBLEM);
    int customer = founder.score(Dimension.CUSTOMER);
    int model = founder.score(Dimension.BUSINESS_MODEL);
    out.put(Criterion.PROBLEM_SEVERITY, capped(scale(problem), Dimension.PROBLEM));
    out.put(
        Criterion.EVIDENCE_OF_DEMAND,
        capped(
            capped(scale(Math.max(model, (problem + customer) / 2)), Dimension.BUSINESS_MODEL),
            Dimension.CUSTOMER));
    out.put(
        Criterion.MARKET_SIZE, capped(scale(founder.score(Dimension.MARKET)), Dimension.MARKET));
    out.put(
        Criterion.ABILITY_TO_BUILD,
        capped(scale(founder.score(Dimension.FEASIBILITY)), Dimension.FEASIBILITY));
    out.put(Criterion.ECONOMICS, capped(scale(model), Dimension.BUSINESS_MODEL));
    return out;
  }

  /** A score of 0 to 10 on the rubric's 1 to 5: 3 (a claim) is 2, 5 is 3, 7 is 4, 10 is 5. */
  static int scale(int score) {
    return Math.max(1, Math.min(5, (int) Math.round((score + 1) / 2.2)));
  }

  private int capped(int rubric, Dimension d) {
    return founder.evidence().status(d) == AssumptionStatus.CONTRADICTED
        ? Math.min(rubric, Evidence.CONTRADICTED_SCORE)
        : rubric;
  }

  private boolean contradicted(Dimension d) {
    return founder.evidence().status(d) == AssumptionStatus.CONTRADICTED;
  }

  private Decision decide(Map<Criterion, Integer> rubric, double mean) {
    int demand = rubric.get(Criterion.EVIDENCE_OF_DEMAND);
    boolean anyContradicted = List.of(Dimension.values()).stream().anyMatch(this::contradicted);
    if (mean >= PURSUE_MEAN && demand >= TribunalRules.PURSUE_DEMAND && !anyContradicted) {
      return Decision.PURSUE;
    }
    if ((contradicted(Dimension.PROBLEM) || contradicted(Dimension.CUSTOMER)) && demand <= 2) {
      return Decision.DROP;
    }
    if ((contradicted(Dimension.BUSINESS_MODEL)
            || contradicted(Dimension.SOLUTION)
            || contradicted(Dimension.GO_TO_MARKET))
        && rubric.get(Criterion.PROBLEM_SEVERITY) >= 3) {
      return Decision.PIVOT;
    }
    int evaded = founder.evidence().evasions().size();
    if (mean < NOTHING_SHOWN_MEAN && evaded >= 2 && evaded * 2 >= founder.typed()) {
      return Decision.DROP;
    }
    return Decision.TEST;
  }

  /** The decision's reason in one line: what the evidence showed, in the founder's words. */
  private String headline(Decision decision, Map<Criterion, Integer> rubric) {
    return switch (decision) {
      case PURSUE ->
          "The answers show past behaviour with numbers on the problem, the customer and payment,"
              + " such as "
              + founder.best().map(founder::cite).orElse("the founder's counts")
              + ".";
      case TEST -> {
        Criterion weakest = weakest(rubric);
        yield label(weakest)
            + " is the open question at "
            + rubric.get(weakest)
            + " of 5: nothing yet shows it, so test it cheaply before building.";
      }
      case PIVOT ->
          "The problem looks real, but an answer speaks against this model: "
              + against().orElse("nobody has paid yet")
              + ".";
      case DROP ->
          against().isPresent()
                  && (contradicted(Dimension.PROBLEM) || contradicted(Dimension.CUSTOMER))
              ? "The founder's own answer speaks against it: " + against().get() + "."
              : "The interview gave no evidence: "
                  + founder.evidence().evasions().size()
                  + " of "
                  + founder.typed()
                  + " answers said nothing specific ("
                  + founder.evasionSamples()
                  + "), so nothing supports building it yet.";
    };
  }

  /** The first typed answer that contradicted an assumption, cited. */
  private Optional<String> against() {
    for (int i : founder.evidence().useful()) {
      if (Evidence.against(founder.words().answers().get(i))) {
        return Optional.of(founder.cite(i));
      }
    }
    return Optional.empty();
  }

  private static Criterion weakest(Map<Criterion, Integer> rubric) {
    Criterion weakest = Criterion.EVIDENCE_OF_DEMAND;
    for (Criterion c : Criterion.values()) {
      if (rubric.get(c) < rubric.get(weakest)) {
        weakest = c;
      }
    }
    return weakest;
  }

  private static String label(Criterion c) {
    return Wording.capital(c.id().replace('_', ' '));
  }

  /** One experiment: for a verdict to drop, the one that could reverse it. */
  private Experiment experiment(Decision decision) {
    String who = wording.who().equals("people") ? "people" : wording.who();
    if (decision == Decision.DROP) {
      return new Experiment(
          Wording.capital(who) + " have this problem often enough to act on it",
          "Ask 10 " + who + " when the problem last happened and what they did about it",
          "5 of 10 describe a time in the last month");
    }
    return new Experiment(
        Wording.capital(who) + " will pay " + price() + " rather than keep their workaround",
        "Deliver it by hand to 10 " + who + " who describe the problem, charging " + price(),
        "3 of 10 pay within 2 weeks");
  }

  private String price() {
    return wording.hasModel() ? wording.model() : "a small deposit";
  }

  private String reason(Criterion c, int score) {
    String level = score >= 4 ? "Good" : score == 3 ? "Some" : "Thin";
    List<Dimension> dims =
        switch (c) {
          case PROBLEM_SEVERITY -> List.of(Dimension.PROBLEM);
          case EVIDENCE_OF_DEMAND ->
              List.of(Dimension.BUSINESS_MODEL, Dimension.CUSTOMER, Dimension.PROBLEM);
          case MARKET_SIZE -> List.of(Dimension.MARKET);
          case ABILITY_TO_BUILD -> List.of(Dimension.FEASIBILITY, Dimension.SOLUTION);
          case ECONOMICS -> List.of(Dimension.BUSINESS_MODEL);
        };
    String what =
        switch (c) {
          case PROBLEM_SEVERITY -> "that the problem hurts";
          case EVIDENCE_OF_DEMAND -> "that people want it and pay";
          case MARKET_SIZE -> "for a market large enough";
          case ABILITY_TO_BUILD -> "that the founders can build it";
          case ECONOMICS -> "that it earns more than it costs per customer";
        };
    String shown;
    Optional<String> contradicting =
        dims.stream().filter(this::contradicted).findFirst().flatMap(d -> againstAbout(d));
    if (contradicting.isPresent()) {
      shown = "an answer speaks against it: " + contradicting.get();
    } else {
      Optional<Integer> best = founder.best(dims);
      if (best.isPresent()) {
        shown = "shown by " + founder.cite(best.get());
      } else if (wording.hasModel()
          && (c == Criterion.ECONOMICS || c == Criterion.EVIDENCE_OF_DEMAND)) {
        shown = "the idea states " + wording.model() + "; no answer shows anyone paying it";
      } else if (dims.stream().anyMatch(d -> asked(d))) {
        shown = "asked, the founder gave nothing specific";
      } else {
        shown = "not asked in the interview; nothing shown yet";
      }
    }
    return level + " evidence " + what + ": " + shown + ".";
  }

  private boolean asked(Dimension d) {
    return !founder.evidence().about(d).isEmpty();
  }

  private Optional<String> againstAbout(Dimension d) {
    for (int i : founder.evidence().about(d)) {
      if (founder.evidence().quality(i) != AnswerQuality.EVASIVE
          && Evidence.against(founder.words().answers().get(i))) {
        return Optional.of(founder.cite(i));
      }
    }
    return Optional.empty();
  }
}
