package dev.socra.core.interview;

/**
 * One exchange: the interviewer's question with the evaluation made alongside it (the scores and
 * assumptions as they stand after everything said so far, and the quick replies for this question),
 * then the founder's answer (null until given).
 */
public record Turn(int number, String question, String answer, TurnEvaluation evaluation) {
  public Turn withAnswer(String value) {
    return new Turn(number, question, value, evaluation);
  }

  public Turn withEvaluation(TurnEvaluation value) {
    return new Turn(number, question, answer, value);
  }
}
