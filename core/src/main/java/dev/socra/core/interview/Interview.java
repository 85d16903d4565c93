package dev.socra.core.interview;

import java.util.ArrayList;
import java.util.List;

/**
 * The interrogation so far: the idea and the turns. Immutable; each step returns a new one.
 *
 * <p>The founder may go back to a question already answered ({@link #reopened}): the interview
 * continues from there, and the turns it leaves behind are kept in {@code history}, never deleted.
 *
 * @param maxTurns the turn cap; a typical session is about seven turns
 * @param ended the founder said enough
 * @param closing the evaluation made after the last answer, which no question follows; null until
 *     the interview is closed
 * @param history the turns set aside each time the founder went back, oldest first
 */
public record Interview(
    String idea,
    List<Turn> turns,
    int maxTurns,
    boolean ended,
    TurnEvaluation closing,
    List<SupersededTurn> history) {
  public static final int DEFAULT_MAX_TURNS = 7;

  /** A score that means evidence, not hope: every dimension this high ends the interview. */
  static final int STRONG_EVIDENCE = 7;

  public Interview {
    turns = List.copyOf(turns);
    history = history == null ? List.of() : List.copyOf(history);
  }

  /** An interview nobody went back in. */
  public Interview(
      String idea, List<Turn> turns, int maxTurns, boolean ended, TurnEvaluation closing) {
    this(idea, turns, maxTurns, ended, closing, List.of());
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
    return new Interview(idea, next, maxTurns, ended, closing, history);
  }

  /** The open question's answer (the terminal's way: it shows one question at a time). */
  public Interview answeredWith(String answer) {
    Turn open = open();
    if (open == null) {
      throw new IllegalStateException("no question is waiting for an answer");
    }
    return answeredWith(open.number(), answer);
  }

  /**
   * The answer to question {@code question}, which must be the open one: an answer meant for
   * another question (a page that still showed it) is refused, never filed under the wrong one.
   *
   * @throws StaleAnswerException when {@code question} is not the open question
   */
  public Interview answeredWith(int question, String answer) {
    Turn open = open();
    if (open == null || open.number() != question) {
      throw new StaleAnswerException(question, open == null ? 0 : open.number());
    }
    List<Turn> next = new ArrayList<>(turns);
    next.set(next.size() - 1, open.withAnswer(answer));
    return new Interview(idea, next, maxTurns, ended, closing, history);
  }

  /**
   * The founder goes back to question {@code number}, already answered: it is open again, and the
   * interview continues from there. Its answer and every later turn (answered or still open) are
   * set aside into {@link #history} as one revision, with the scores they were asked with; the
   * evaluation made for the end of the interview, if any, no longer stands.
   *
   * @throws IllegalStateException when question {@code number} was not asked or not answered
   */
  public Interview reopened(int number) {
    if (number < 1 || number > turns.size() || turns.get(number - 1).answer() == null) {
      throw new IllegalStateException(
          "question " + number + " has no answer to change: answer the open question instead");
    }
    int revision = revisions() + 1;
    List<SupersededTurn> past = new ArrayList<>(history);
    for (Turn t : turns.subList(number - 1, turns.size())) {
      past.add(new SupersededTurn(revision, number, t));
    }
    List<Turn> kept = new ArrayList<>(turns.subList(0, number - 1));
    kept.add(turns.get(number - 1).withAnswer(null));
    return new Interview(idea, kept, maxTurns, false, null, past);
  }

  /**
   * The founder changes the answer to question {@code number}: {@link #reopened} there, then
   * answered anew. For the last answer this sets aside only the question written after it, which is
   * written again from the new answer.
   */
  public Interview revised(int number, String answer) {
    return reopened(number).answeredWith(number, answer);
  }

  /** How many times the founder went back: 0 for an interview that only went forward. */
  public int revisions() {
    return history.isEmpty() ? 0 : history.getLast().revision();
  }

  /**
   * The founder ends the interview: a question left open is dropped, and its evaluation (the
   * freshest) is kept as the closing one.
   */
  public Interview endedByFounder() {
    Turn open = open();
    if (open == null) {
      return new Interview(idea, turns, maxTurns, true, closing, history);
    }
    return new Interview(
        idea, turns.subList(0, turns.size() - 1), maxTurns, true, open.evaluation(), history);
  }

  public Interview closedWith(TurnEvaluation evaluation) {
    return new Interview(idea, turns, maxTurns, ended, evaluation, history);
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
