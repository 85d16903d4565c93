package dev.socra.core.interview;

import java.util.ArrayList;
import java.util.List;

/**
 * The interrogation so far: the idea and the turns. Immutable; each step returns a new one.
 *
 * @param maxTurns the turn cap; a typical session is about seven turns
 */
public record Interview(String idea, List<Turn> turns, int maxTurns) {
  public static final int DEFAULT_MAX_TURNS = 7;

  public Interview {
    turns = List.copyOf(turns);
  }

  public static Interview start(String idea, int maxTurns) {
    return new Interview(idea, List.of(), maxTurns);
  }

  /** The turn awaiting the founder's answer, if any. */
  public Turn open() {
    return turns.isEmpty() || turns.getLast().answer() != null ? null : turns.getLast();
  }

  public int answered() {
    return (int) turns.stream().filter(t -> t.answer() != null).count();
  }

  public Interview asked(String question, TurnEvaluation evaluation) {
    List<Turn> next = new ArrayList<>(turns);
    next.add(new Turn(turns.size() + 1, question, null, evaluation));
    return new Interview(idea, next, maxTurns);
  }

  public Interview answeredWith(String answer) {
    Turn open = open();
    if (open == null) {
      throw new IllegalStateException("no question is waiting for an answer");
    }
    List<Turn> next = new ArrayList<>(turns);
    next.set(next.size() - 1, open.withAnswer(answer));
    return new Interview(idea, next, maxTurns);
  }

  /** The founder ends the interview: the question left open is dropped. */
  public Interview endedByFounder() {
    if (open() == null) {
      return this;
    }
    return new Interview(idea, turns.subList(0, turns.size() - 1), maxTurns);
  }

  /** The newest evaluation, or null before the first question. */
  public TurnEvaluation latest() {
    for (int i = turns.size() - 1; i >= 0; i--) {
      if (turns.get(i).evaluation() != null) {
        return turns.get(i).evaluation();
      }
    }
    return null;
  }

  /**
   * Enough is known when the evaluator says so after at least three answers, when every dimension
   * has some evidence (a score of 5 or more), or when the turn cap is reached.
   */
  public boolean complete() {
    if (open() != null) {
      return false;
    }
    if (answered() >= maxTurns) {
      return true;
    }
    TurnEvaluation e = latest();
    if (e == null || answered() < 3) {
      return false;
    }
    return e.enoughKnown() || e.scores().stream().allMatch(s -> s.score() >= 5);
  }
}
