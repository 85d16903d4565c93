package dev.socra.server.web;

import dev.socra.core.idea.InputLimits;
import dev.socra.core.interview.Assumption;
import dev.socra.core.interview.Interview;
import dev.socra.core.interview.Turn;
import dev.socra.core.interview.TurnEvaluation;
import dev.socra.core.session.Session;
import java.util.ArrayList;
import java.util.List;

/**
 * The interrogation page's state: the answered turns, then exactly one of an open question (with
 * its quick replies), a question being written ({@code writing} is its number), or a complete
 * interview; beside it the scores and assumptions.
 */
record InterviewView(
    String id,
    String idea,
    int maxTurns,
    int answered,
    List<Turn> answeredTurns,
    Turn open,
    int writing,
    boolean complete,
    Scoreboard scores,
    List<Assumption> assumptions) {

  static InterviewView of(Session s) {
    Interview iv = s.interview();
    List<Turn> answeredTurns = iv.turns().stream().filter(t -> t.answer() != null).toList();
    boolean complete = iv.complete();
    Turn open = iv.open();
    int writing = open == null && !complete ? iv.turns().size() + 1 : 0;
    List<TurnEvaluation> evaluations = new ArrayList<>();
    iv.turns().stream().map(Turn::evaluation).filter(e -> e != null).forEach(evaluations::add);
    if (iv.closing() != null) {
      evaluations.add(iv.closing());
    }
    TurnEvaluation latest = evaluations.isEmpty() ? null : evaluations.getLast();
    TurnEvaluation before = evaluations.size() < 2 ? null : evaluations.get(evaluations.size() - 2);
    return new InterviewView(
        s.id(),
        iv.idea(),
        iv.maxTurns(),
        iv.answered(),
        answeredTurns,
        open,
        writing,
        complete,
        Scoreboard.of(latest, before),
        latest == null ? List.of() : latest.assumptions());
  }

  /** The founder may stop once one question is answered and none is being written. */
  public boolean canEnd() {
    return answered >= 1 && writing == 0;
  }

  public int answerMax() {
    return InputLimits.ANSWER_MAX;
  }

  /** The turn being asked or written now. */
  public int current() {
    return open != null ? open.number() : writing;
  }
}
