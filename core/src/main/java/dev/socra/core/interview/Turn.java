package dev.socra.core.interview;

/**
 * One exchange: the interviewer's question with the evaluation made before it (the scores and
 * assumptions after everything said so far, and the quick replies offered for this question), then
 * the founder's answer (null until given).
 */
public record Turn(int number, String question, String answer, TurnEvaluation evaluation) {
  public Turn withAnswer(String value) {
    return new Turn(number, question, value, evaluation);
  }

  public Turn withEvaluation(TurnEvaluation value) {
    return new Turn(number, question, answer, value);
  }

  /**
   * The answer is one of the quick replies offered with this question, word for word: the founder
   * clicked it (or typed exactly it). Such an answer states a position, never evidence.
   */
  public boolean quickReply() {
    if (answer == null || evaluation == null) {
      return false;
    }
    String a = answer.strip();
    return evaluation.choices().stream().anyMatch(c -> c.strip().equals(a));
  }
}
