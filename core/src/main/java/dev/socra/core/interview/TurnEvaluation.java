package dev.socra.core.interview;

import java.util.List;

/**
 * Where the idea stands when a question is asked: the scores (held to the evidence rules), the
 * assumptions, the quick replies offered for this question, whether enough is known, the notes the
 * interviewer was given and what the checks found. Sessions saved before the notes and checks
 * existed read them as null.
 *
 * @param choices two to four quick replies for this turn's question; empty for the closing
 *     evaluation, which no question follows
 * @param enoughKnown the evaluator's judgement that the specialists can take it from here, kept
 *     only when the scores show evidence ({@link EvidenceRules#enoughEvidence})
 */
public record TurnEvaluation(
    List<DimensionScore> scores,
    List<Assumption> assumptions,
    List<String> choices,
    boolean enoughKnown,
    InterviewNotes notes,
    TurnChecks checks) {

  public TurnEvaluation {
    scores = scores == null ? List.of() : List.copyOf(scores);
    assumptions = assumptions == null ? List.of() : List.copyOf(assumptions);
    choices = choices == null ? List.of() : List.copyOf(choices);
  }

  public TurnEvaluation(
      List<DimensionScore> scores,
      List<Assumption> assumptions,
      List<String> choices,
      boolean enoughKnown) {
    this(scores, assumptions, choices, enoughKnown, null, null);
  }

  /** The score of one dimension, or 0 when it has none. */
  public int score(Dimension d) {
    return scores.stream()
        .filter(s -> s.dimension() == d)
        .mapToInt(DimensionScore::score)
        .findFirst()
        .orElse(0);
  }
}
