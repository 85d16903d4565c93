package dev.socra.core.interview;

import java.util.ArrayList;
import java.util.List;

/**
 * The interrogation so far: the idea and the turns. Immutable; each step returns a new one.
 *
 * @param maxTurns the turn cap; a typical session is about seven turns
 * @param ended the founder said enough
 * @param closing the evaluation made after the last answer, which no question follows; null until
 *     the interview is closed
 */
public record Interview(
    String idea, List<Turn> turns, int maxTurns, boolean ended, TurnEvaluation closing) {
  public static final int DEFAULT_MAX_TURNS = 7;

  /** A score that means evidence, not hope: every dimension this high ends the interview. */
  static final int STRONG_EVIDENCE = 7;

  public Interview {
    turns = List.copyOf(turns);
  }

  public static Interview start(String idea, int maxTurns) {
    return new Interview(idea, List.of(), maxTurns, false, null);
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
    return new Interview(idea, next, maxTurns, ended, closing);
  }

  public Interview answeredWith(String answer) {
    Turn open = open();
    if (open == null) {
      throw new IllegalStateException("no question is waiting for an answer");
    }
    List<Turn> next = new ArrayList<>(turns);
    next.set(next.size() - 1, open.withAnswer(answer));
    return new Interview(idea, next, maxTurns, ended, closing);
  }

  /**
   * The founder ends the interview: a question left open is dropped, and its evaluation (the
   * freshest) is kept as the closing one.
   */
  public Interview endedByFounder() {
    Turn open = open();
    if (open == null) {
      return new Interview(idea, turns, maxTurns, true, closing);
    }
    return new Interview(
        idea, turns.subList(0, turns.size() - 1), maxTurns, true, open.evaluation());
  }

  public Interview closedWith(TurnEvaluation evaluation) {
    return new Interview(idea, turns, maxTurns, ended, evaluation);
  }

  /** The newest evaluation, or null before the first question. */
  public TurnEvaluation latest() {
    if (closing != null) {
      return closing;
    }
    for (int i = turns.size() - 1; i >= 0; i--) {
      if (turns.get(i).evaluation() != null) {
        return turns.get(i).evaluation();
      }
    }
    return null;
  }

  /**
   * Enough is known when the founder ends it, when the turn cap is reached, or after at least three
   * answers when the evaluator says so or every dimension has strong evidence (7 or more).
   */
  public boolean complete() {
    if (ended) {
      return true;
    }
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
    return e.enoughKnown() || e.scores().stream().allMatch(s -> s.score() >= STRONG_EVIDENCE);
  }
}
