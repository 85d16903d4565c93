package dev.socra.core.interview;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The rules that keep scores to the evidence, applied in code to whatever the evaluator wrote:
 *
 * <ul>
 *   <li>A reason opens with the founder's exact words in double quotes, or with "no evidence". A
 *       quotation not found word for word in the idea or the answers counts as none.
 *   <li>A score rises only with a <em>new</em> quotation: from the answer given since the last
 *       evaluation (at the first evaluation, the idea). A clicked quick reply is never new
 *       evidence: it can lower a score, not raise one.
 *   <li>Claims alone cap at 5: a score above 5 needs its quotation to hold a number (the anchors
 *       ask for a quoted past action with a number).
 *   <li>A score falls only with a quotation or "no evidence" (a verified quotation, old or new).
 *   <li>A score held back keeps its earlier reason.
 *   <li>An assumption is supported or contradicted only by an answer quoted word for word; a quick
 *       reply contradicts but never supports.
 *   <li>"Enough is known" stands only with evidence ({@link #enoughEvidence}).
 * </ul>
 */
public final class EvidenceRules {
  /** The rule that held a score rising without a quotation from the newest answer. */
  public static final String NO_NEW_QUOTE = "rose without a new quote";

  /** The rule that capped a score above 5 whose quotation holds no number. */
  public static final String CLAIMS_CAP = "claims alone cap at 5";

  /** The rule that held a score falling without a quotation or "no evidence". */
  public static final String NO_QUOTE = "moved without a quote";

  static final int CLAIM_CAP = 5;
  static final int HARD_EVIDENCE = 7;

  private static final String FIRST_REASON = "no evidence yet";

  private EvidenceRules() {}

  /** The scores that stand, whether enough is known, and the moves that were held back. */
  public record Judged(
      List<DimensionScore> scores,
      List<Assumption> assumptions,
      boolean enoughKnown,
      List<HeldScore> held) {}

  /**
   * Judges an assessment of {@code interview} as it stands: the turns so far, each answered but
   * perhaps the last (whose question is the one about to be replaced or closed).
   */
  public static Judged judge(Interview interview, Assessment proposed) {
    TurnEvaluation previous = interview.latest();
    List<String> all = founderText(interview);
    List<String> fresh = newEvidence(interview, previous);
    Map<Dimension, DimensionScore> before = new EnumMap<>(Dimension.class);
    if (previous != null) {
      previous.scores().forEach(s -> before.put(s.dimension(), s));
    }
    List<DimensionScore> kept = new ArrayList<>();
    List<HeldScore> held = new ArrayList<>();
    for (Dimension d : Dimension.values()) {
      DimensionScore p =
          proposed.scores().stream().filter(s -> s.dimension() == d).findFirst().orElse(null);
      DimensionScore b = before.get(d);
      int was = b == null ? 0 : b.score();
      String wasReason = b == null ? FIRST_REASON : b.reason();
      if (p == null) {
        kept.add(new DimensionScore(d, wasReason, was));
        continue;
      }
      Optional<String> quote = Quotes.leading(p.reason());
      boolean verified = quote.isPresent() && Quotes.verbatimIn(quote.get(), all);
      boolean isNew = verified && Quotes.verbatimIn(quote.get(), fresh);
      boolean noEvidence = p.reason().strip().toLowerCase(Locale.ROOT).startsWith("no evidence");
      int score = p.score();
      String rule = null;
      if (score > was) {
        if (!isNew) {
          score = was;
          rule = NO_NEW_QUOTE;
        } else if (score > CLAIM_CAP && !Quotes.hasNumber(quote.get())) {
          score = Math.max(was, CLAIM_CAP);
          rule = CLAIMS_CAP;
        }
      } else if (score < was && !verified && !noEvidence) {
        score = was;
        rule = NO_QUOTE;
      }
      if (rule != null) {
        held.add(new HeldScore(d, p.score(), score, rule));
      }
      kept.add(new DimensionScore(d, score == was && rule != null ? wasReason : p.reason(), score));
    }
    List<Assumption> assumptions = new ArrayList<>();
    for (Assumption a : proposed.assumptions()) {
      assumptions.add(assumption(a, interview));
    }
    boolean enough = proposed.enoughKnown() && enoughEvidence(kept);
    return new Judged(kept, assumptions, enough, held);
  }

  /**
   * Enough is known for the specialists when the problem and the customer are at least specific
   * claims (5) and something is shown by a quoted past action with a number (7): three answers of
   * opinions are not enough, however confident.
   */
  public static boolean enoughEvidence(List<DimensionScore> scores) {
    int problem = 0;
    int customer = 0;
    boolean hard = false;
    for (DimensionScore s : scores) {
      problem = s.dimension() == Dimension.PROBLEM ? s.score() : problem;
      customer = s.dimension() == Dimension.CUSTOMER ? s.score() : customer;
      hard |= s.score() >= HARD_EVIDENCE;
    }
    return problem >= CLAIM_CAP && customer >= CLAIM_CAP && hard;
  }

  /** An assumption moved by nothing the founder said goes back to untested. */
  private static Assumption assumption(Assumption a, Interview interview) {
    if (a.status() == AssumptionStatus.UNTESTED) {
      return new Assumption(a.statement(), a.category(), "", AssumptionStatus.UNTESTED);
    }
    String moved = a.movedBy() == null ? "" : a.movedBy().strip();
    String quote = Quotes.leading(moved).orElse(moved);
    boolean said = !quote.isBlank() && Quotes.verbatimIn(quote, answers(interview));
    boolean onlyClicked = said && !Quotes.verbatimIn(quote, typedAnswers(interview));
    if (!said || (onlyClicked && a.status() == AssumptionStatus.SUPPORTED)) {
      return new Assumption(a.statement(), a.category(), "", AssumptionStatus.UNTESTED);
    }
    return new Assumption(a.statement(), a.category(), quote, a.status());
  }

  /** The idea and every answer: where a quotation must be found. */
  static List<String> founderText(Interview interview) {
    List<String> out = new ArrayList<>();
    out.add(interview.idea());
    out.addAll(answers(interview));
    return out;
  }

  private static List<String> answers(Interview interview) {
    return interview.turns().stream().map(Turn::answer).filter(a -> a != null).toList();
  }

  private static List<String> typedAnswers(Interview interview) {
    return interview.turns().stream()
        .filter(t -> t.answer() != null && !t.quickReply())
        .map(Turn::answer)
        .toList();
  }

  /**
   * What counts as new since the previous evaluation: at the first, the idea and any answer; then
   * the newest answer, unless it was a clicked quick reply.
   */
  static List<String> newEvidence(Interview interview, TurnEvaluation previous) {
    if (previous == null) {
      List<String> out = new ArrayList<>();
      out.add(interview.idea());
      interview.turns().stream()
          .filter(t -> t.answer() != null && !t.quickReply())
          .forEach(t -> out.add(t.answer()));
      return out;
    }
    for (int i = interview.turns().size() - 1; i >= 0; i--) {
      Turn t = interview.turns().get(i);
      if (t.answer() != null) {
        return t.quickReply() ? List.of() : List.of(t.answer());
      }
    }
    return List.of();
  }
}
