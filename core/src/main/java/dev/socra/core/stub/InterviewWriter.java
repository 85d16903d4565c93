package dev.socra.core.stub;

import dev.socra.core.interview.Assumption;
import dev.socra.core.interview.AssumptionStatus;
import dev.socra.core.interview.Dimension;
import dev.socra.core.interview.DimensionScore;
import dev.socra.core.interview.TurnEvaluation;
import java.util.ArrayList;
import java.util.List;

/** The demo interviewer: one question per turn, and the evaluation that goes with it. */
final class InterviewWriter {
  /** A typical session is about seven turns, so the demo says enough is known by then. */
  static final int ENOUGH_AT_TURN = 7;

  private static final int MOVED_BY_CHARS = 200;
  private static final List<Dimension> FIRST_ASSUMPTIONS =
      List.of(Dimension.PROBLEM, Dimension.CUSTOMER, Dimension.BUSINESS_MODEL);
  private static final List<Dimension> MORE_ASSUMPTIONS =
      List.of(
          Dimension.SOLUTION,
          Dimension.GO_TO_MARKET,
          Dimension.FEASIBILITY,
          Dimension.MARKET,
          Dimension.UNFAIR_ADVANTAGE);

  private final IdeaWords words;

  InterviewWriter(IdeaWords words) {
    this.words = words;
  }

  /** About the turn's dimension, quoting the last answer when there is one. */
  String question() {
    int turn = words.turn();
    Dimension d = IdeaWords.dimensionOf(turn);
    List<String> options = InterviewLines.questions(d);
    // The second time round the dimensions, the other wording.
    int variant = (words.pick("question " + d, options.size()) + (turn - 1) / 8) % options.size();
    String asked = fill(options.get(variant));
    String last = words.lastAnswer();
    return last == null ? asked : "You said \"" + IdeaWords.excerpt(last) + "\". " + asked;
  }

  TurnEvaluation evaluation() {
    List<DimensionScore> scores = new ArrayList<>();
    for (Dimension d : Dimension.values()) {
      scores.add(score(d));
    }
    boolean enough =
        words.turn() >= ENOUGH_AT_TURN || scores.stream().allMatch(s -> s.score() >= 6);
    return new TurnEvaluation(scores, assumptions(), choices(), enough);
  }

  /** Rises with every answer, a little more for a dimension already asked about or long answers. */
  private DimensionScore score(Dimension d) {
    int base = 1 + words.pick("score " + d, 3);
    int growth = (words.turn() - 1) / 2;
    int asked = answered(d) ? 1 : 0;
    int said = words.answers().stream().mapToInt(a -> IdeaWords.words(a).size()).sum();
    int score = Math.min(9, base + growth + asked + Math.min(2, said / 60));
    String subject = fill(InterviewLines.subject(d));
    String reason;
    if (score < 4) {
      reason = "Little is known yet about " + subject + ".";
    } else if (score < 7) {
      reason = "Some evidence on " + subject + ", mostly the founder's own view so far.";
    } else {
      reason = "Specific answers on " + subject + ", drawn from what real people did.";
    }
    return new DimensionScore(d, score, reason);
  }

  private boolean answered(Dimension d) {
    for (int i = 1; i <= words.answers().size(); i++) {
      if (IdeaWords.dimensionOf(i) == d) {
        return true;
      }
    }
    return false;
  }

  private List<Assumption> assumptions() {
    List<Dimension> categories = new ArrayList<>(FIRST_ASSUMPTIONS);
    int more = words.pick("assumptions", 4);
    int offset = words.pick("assumption order", MORE_ASSUMPTIONS.size());
    for (int i = 0; i < more; i++) {
      categories.add(MORE_ASSUMPTIONS.get((offset + i) % MORE_ASSUMPTIONS.size()));
    }
    return categories.stream().map(this::assumption).toList();
  }

  /**
   * Moved by each answer that speaks to it (the answer to its dimension's question, or one using
   * its words): supported, or contradicted when the answer says "not yet" or "nobody".
   */
  private Assumption assumption(Dimension category) {
    AssumptionStatus status = AssumptionStatus.UNTESTED;
    String movedBy = "";
    List<String> answers = words.answers();
    for (int i = 0; i < answers.size(); i++) {
      String answer = answers.get(i);
      boolean speaks =
          IdeaWords.dimensionOf(i + 1) == category
              || IdeaWords.mentions(answer, InterviewLines.cues(category));
      if (!speaks) {
        continue;
      }
      AssumptionStatus now =
          IdeaWords.mentions(answer, InterviewLines.AGAINST)
              ? AssumptionStatus.CONTRADICTED
              : AssumptionStatus.SUPPORTED;
      if (now != status) {
        status = now;
        movedBy = IdeaWords.shorten(answer, MOVED_BY_CHARS);
      }
    }
    return new Assumption(fill(InterviewLines.assumption(category)), category, status, movedBy);
  }

  /** Two to four different answers to this turn's question. */
  private List<String> choices() {
    int turn = words.turn();
    List<String> all = InterviewLines.choices(IdeaWords.dimensionOf(turn));
    int count = 2 + words.pick("choices " + turn, 3);
    int start = words.pick("choice order " + turn, all.size());
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(fill(all.get((start + i) % all.size())));
    }
    return out;
  }

  private String fill(String template) {
    return template.replace("{idea}", words.label());
  }
}
