package dev.socra.core.pipeline;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The tribunal's decision rules, held in code rather than hoped for: a verdict of "pursue" needs
 * evidence of demand of {@value #PURSUE_DEMAND} or more (paying users, deposits or signed pilots,
 * near enough), and every experiment carries a pass threshold with a number, so that "test" means
 * something that can pass or fail.
 */
public final class TribunalRules {
  public static final int PURSUE_DEMAND = 4;

  private TribunalRules() {}

  /** What the tribunal must fix itself (a repair shows it these): the rubric and the thresholds. */
  static List<String> problems(Verdict v) {
    List<String> out = new ArrayList<>();
    Set<Criterion> seen = EnumSet.noneOf(Criterion.class);
    v.scores().forEach(s -> seen.add(s.criterion()));
    if (seen.size() != Criterion.values().length) {
      out.add("score each of the five criteria exactly once");
    }
    for (int i = 0; i < v.experiments().size(); i++) {
      if (!holdsNumber(v.experiments().get(i).passThreshold())) {
        out.add(
            "experiments["
                + i
                + "].passThreshold must state the result that passes as a number, e.g. \"3 of 10"
                + " clinics pay a deposit within 2 weeks\"");
      }
    }
    return out;
  }

  /**
   * The verdict as it stands after the rules: a "pursue" without evidence of demand becomes a
   * "test" of its experiments, and says why.
   */
  public static Verdict enforce(Verdict v) {
    int demand = v.score(Criterion.EVIDENCE_OF_DEMAND);
    if (v.decision() != Decision.PURSUE || demand >= PURSUE_DEMAND) {
      return v;
    }
    List<String> reasons = new ArrayList<>(v.reasons());
    reasons.add(
        "Changed from pursue to test: evidence of demand scored "
            + demand
            + " of 5, and pursuing needs "
            + PURSUE_DEMAND
            + " (paying users, deposits or signed pilots). Run the experiments first.");
    return new Verdict(v.scores(), reasons, v.experiments(), Decision.TEST);
  }

  static boolean holdsNumber(String text) {
    return dev.socra.core.interview.Quotes.hasNumber(text);
  }
}
