package dev.socra.core.interview;

import java.util.ArrayList;
import java.util.List;

/**
 * The interview as a record to keep: each question, the founder's answer, and what that answer
 * moved: the scores that changed and the assumptions whose status changed, read from the evaluation
 * made before the question and the one made after the answer (the next turn's, or the closing one).
 * The download and the masterplan page render it.
 *
 * <p>When the founder went back to an earlier question, the turns left behind are kept as {@code
 * setAside}: each time they went back, the answers they had given from there on, with what those
 * moved as far as it is known.
 *
 * @param start the scores the idea alone was given, before the first question (null when nothing
 *     was evaluated)
 */
public record Transcript(List<DimensionScore> start, List<Entry> entries, List<SetAside> setAside) {
  public Transcript {
    start = start == null ? List.of() : List.copyOf(start);
    entries = List.copyOf(entries);
    setAside = setAside == null ? List.of() : List.copyOf(setAside);
  }

  public Transcript(List<DimensionScore> start, List<Entry> entries) {
    this(start, entries, List.of());
  }

  /**
   * The turns set aside when the founder went back to question {@code reopened}: its old answer and
   * every turn after it (a question still open then has no answer).
   *
   * @param revision 1 for the first time the founder went back, 2 for the next
   */
  public record SetAside(int revision, int reopened, List<Entry> entries) {
    public SetAside {
      entries = List.copyOf(entries);
    }
  }

  /**
   * One answered question (in {@link SetAside}, also a question set aside before it was answered:
   * its {@code answer} is null).
   *
   * @param quickReply the answer was a clicked quick reply: a position, not evidence
   * @param evaluated an evaluation followed the answer, so what it moved is known
   */
  public record Entry(
      int number,
      String question,
      String answer,
      boolean quickReply,
      boolean evaluated,
      List<ScoreChange> scores,
      List<AssumptionChange> assumptions) {
    public Entry {
      scores = List.copyOf(scores);
      assumptions = List.copyOf(assumptions);
    }

    /** Whether the answer moved nothing it was evaluated on. */
    public boolean movedNothing() {
      return evaluated && scores.isEmpty() && assumptions.isEmpty();
    }
  }

  /** A score that moved with an answer, and the reason it stands on now. */
  public record ScoreChange(Dimension dimension, int from, int to, String reason) {
    public boolean rose() {
      return to > from;
    }
  }

  /** An assumption whose status moved with an answer; {@code movedBy} quotes the founder. */
  public record AssumptionChange(
      String statement,
      Dimension category,
      AssumptionStatus from,
      AssumptionStatus to,
      String movedBy) {}

  public static Transcript of(Interview interview) {
    List<Turn> turns = interview.turns();
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < turns.size(); i++) {
      Turn t = turns.get(i);
      if (t.answer() == null) {
        continue;
      }
      entries.add(entry(t, after(interview, i)));
    }
    TurnEvaluation first = turns.isEmpty() ? interview.closing() : turns.getFirst().evaluation();
    return new Transcript(
        first == null ? List.of() : first.scores(), entries, setAside(interview.history()));
  }

  /**
   * A turn as the transcript shows it: what its answer moved is read between the turn's own
   * evaluation and {@code after}, the one made once the answer was in (null when none was).
   */
  private static Entry entry(Turn t, TurnEvaluation after) {
    TurnEvaluation before = t.evaluation();
    return new Entry(
        t.number(),
        t.question(),
        t.answer(),
        t.quickReply(),
        before != null && after != null,
        scoreChanges(before, after),
        assumptionChanges(before, after));
  }

  /**
   * The history, one {@link SetAside} per time the founder went back. What an old answer moved is
   * read from the evaluation of the turn set aside after it, when there is one.
   */
  private static List<SetAside> setAside(List<SupersededTurn> history) {
    List<SetAside> out = new ArrayList<>();
    int i = 0;
    while (i < history.size()) {
      int revision = history.get(i).revision();
      int reopened = history.get(i).reopened();
      List<Turn> group = new ArrayList<>();
      while (i < history.size() && history.get(i).revision() == revision) {
        group.add(history.get(i).turn());
        i++;
      }
      List<Entry> entries = new ArrayList<>();
      for (int k = 0; k < group.size(); k++) {
        Turn t = group.get(k);
        TurnEvaluation after =
            t.answer() != null && k + 1 < group.size() ? group.get(k + 1).evaluation() : null;
        entries.add(entry(t, after));
      }
      out.add(new SetAside(revision, reopened, entries));
    }
    return out;
  }

  /** The evaluation made after turn {@code i}'s answer: the next turn's, or the closing one. */
  private static TurnEvaluation after(Interview interview, int i) {
    List<Turn> turns = interview.turns();
    if (i + 1 < turns.size()) {
      return turns.get(i + 1).evaluation();
    }
    return interview.closing();
  }

  private static List<ScoreChange> scoreChanges(TurnEvaluation before, TurnEvaluation after) {
    List<ScoreChange> out = new ArrayList<>();
    if (before == null || after == null) {
      return out;
    }
    for (DimensionScore s : after.scores()) {
      int was = before.score(s.dimension());
      if (s.score() != was) {
        out.add(new ScoreChange(s.dimension(), was, s.score(), s.reason()));
      }
    }
    return out;
  }

  /**
   * Assumptions are matched by their statement, else by their category (a model may word one
   * differently from turn to turn); one new since the last evaluation counts as moved from
   * untested.
   */
  private static List<AssumptionChange> assumptionChanges(
      TurnEvaluation before, TurnEvaluation after) {
    List<AssumptionChange> out = new ArrayList<>();
    if (before == null || after == null) {
      return out;
    }
    for (Assumption a : after.assumptions()) {
      Assumption was =
          before.assumptions().stream()
              .filter(b -> b.statement().equals(a.statement()))
              .findFirst()
              .orElse(
                  before.assumptions().stream()
                      .filter(b -> b.category() == a.category())
                      .findFirst()
                      .orElse(null));
      AssumptionStatus from = was == null ? AssumptionStatus.UNTESTED : was.status();
      if (a.status() != from) {
        out.add(
            new AssumptionChange(
                a.statement(),
                a.category(),
                from,
                a.status(),
                a.movedBy() == null ? "" : a.movedBy()));
      }
    }
    return out;
  }
}
