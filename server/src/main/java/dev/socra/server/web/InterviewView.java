package dev.socra.server.web;

import dev.socra.core.idea.InputLimits;
import dev.socra.core.interview.Assumption;
import dev.socra.core.interview.Interview;
import dev.socra.core.interview.SupersededTurn;
import dev.socra.core.interview.Transcript;
import dev.socra.core.interview.Turn;
import dev.socra.core.interview.TurnEvaluation;
import dev.socra.core.session.Session;
import java.util.ArrayList;
import java.util.List;

/**
 * The interrogation page's state: the answered turns, then exactly one of an open question (with
 * its quick replies), a question being written ({@code writing} is its number), or a complete
 * interview; beside it the scores and assumptions; below it the answers set aside by going back.
 *
 * @param previousAnswer the founder's answer to the open question before they went back to it (to
 *     start from), or null
 * @param demo whether Socra's demo stub wrote any of it
 */
record InterviewView(
    String id,
    String idea,
    String title,
    int maxTurns,
    int answered,
    List<Turn> answeredTurns,
    Turn open,
    int writing,
    boolean complete,
    Scoreboard scores,
    List<Assumption> assumptions,
    List<Transcript.SetAside> setAside,
    String previousAnswer,
    boolean demo,
    boolean demoOnly) {

  static InterviewView of(Session s, String title) {
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
        title,
        iv.maxTurns(),
        iv.answered(),
        answeredTurns,
        open,
        writing,
        complete,
        Scoreboard.of(latest, before),
        latest == null ? List.of() : latest.assumptions(),
        Transcript.of(iv).setAside(),
        previousAnswer(iv, open),
        s.demo(),
        s.demoOnly());
  }

  /** The answer the open question had before the founder went back to it, if they did. */
  private static String previousAnswer(Interview iv, Turn open) {
    if (open == null) {
      return null;
    }
    for (SupersededTurn h : iv.history().reversed()) {
      if (h.revision() == iv.revisions()
          && h.reopened() == open.number()
          && h.turn().number() == open.number()) {
        return h.turn().answer();
      }
    }
    return null;
  }

  /** The founder may stop once one question is answered and none is being written. */
  public boolean canEnd() {
    return answered >= 1 && writing == 0;
  }

  public int answerMax() {
    return InputLimits.ANSWER_MAX;
  }

  /** The turn being asked or written now; 0 when the interview is complete. */
  public int current() {
    return open != null ? open.number() : writing;
  }

  /** The last answered question: the one whose answer can be changed in place. */
  public int lastAnswered() {
    return answeredTurns.isEmpty() ? 0 : answeredTurns.getLast().number();
  }

  /** The questions that going back to {@code n} sets aside: "question 3", "questions 3 to 5". */
  public String laterQuestions(int n) {
    int last = open != null ? open.number() : Math.max(lastAnswered(), writing);
    if (last <= n) {
      return "";
    }
    return last == n + 1 ? "question " + last : "questions " + (n + 1) + " to " + last;
  }
}
