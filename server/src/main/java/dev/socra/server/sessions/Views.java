package dev.socra.server.sessions;

import dev.socra.core.interview.Interview;
import dev.socra.core.interview.SupersededTurn;
import dev.socra.core.interview.Turn;
import dev.socra.core.interview.TurnEvaluation;
import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.PipelineEvent;
import dev.socra.core.session.Session;
import dev.socra.core.session.StageUsage;
import java.math.BigDecimal;
import java.util.List;

/** What the API shows of sessions: the JSON shapes of its responses and events. */
public final class Views {
  private Views() {}

  /**
   * A whole session as the API returns it.
   *
   * @param title the founder's name for it, or the idea's short name
   * @param openQuestion the number of the question waiting for an answer (send it with the answer);
   *     null when none is open
   * @param history the turns set aside each time the founder went back, oldest first
   */
  public record SessionView(
      String id,
      String idea,
      String title,
      String status,
      String statusDetail,
      int maxTurns,
      int answered,
      boolean interviewComplete,
      boolean ended,
      Integer openQuestion,
      List<TurnView> turns,
      TurnEvaluation latest,
      List<String> stagesDone,
      List<SetAsideView> history) {

    static SessionView of(Session s, String title, String status, String detail) {
      Interview iv = s.interview();
      return new SessionView(
          s.id(),
          iv.idea(),
          title,
          status,
          detail,
          iv.maxTurns(),
          iv.answered(),
          iv.complete(),
          iv.ended(),
          iv.open() == null ? null : iv.open().number(),
          iv.turns().stream().map(TurnView::of).toList(),
          iv.latest(),
          s.results().keySet().stream().map(Stage::id).toList(),
          iv.history().stream().map(SetAsideView::of).toList());
    }
  }

  /**
   * A turn set aside when the founder went back to question {@code reopened}.
   *
   * @param revision 1 for the first time the founder went back, 2 for the next
   */
  public record SetAsideView(
      int revision,
      int reopened,
      int number,
      String question,
      String answer,
      TurnEvaluation evaluation) {
    static SetAsideView of(SupersededTurn h) {
      Turn t = h.turn();
      return new SetAsideView(
          h.revision(), h.reopened(), t.number(), t.question(), t.answer(), t.evaluation());
    }
  }

  /**
   * The question's words are complete: the answer may be sent from now on; its quick replies and
   * the whole turn follow in the {@code turn} event.
   */
  public record QuestionEvent(int number, String question) {}

  /** A turn: the question, the evaluation made with it (scores, assumptions, quick replies). */
  public record TurnView(int number, String question, String answer, TurnEvaluation evaluation) {
    static TurnView of(Turn t) {
      return new TurnView(t.number(), t.question(), t.answer(), t.evaluation());
    }
  }

  /** The last event of a question's stream: the whole question and its evaluation. */
  public record TurnEvent(
      int number,
      String question,
      List<dev.socra.core.interview.DimensionScore> scores,
      List<dev.socra.core.interview.Assumption> assumptions,
      List<String> choices,
      boolean interviewComplete) {
    static TurnEvent of(Session s, Turn t) {
      TurnEvaluation e = t.evaluation();
      return new TurnEvent(
          t.number(),
          t.question(),
          e == null ? List.of() : e.scores(),
          e == null ? List.of() : e.assumptions(),
          e == null ? List.of() : e.choices(),
          s.interview().complete());
    }
  }

  /**
   * One pipeline progress event: the same facts {@code socra ask} prints.
   *
   * @param state queued | started | reused | finished | failed
   */
  public record StageEvent(
      String stage,
      String label,
      String state,
      List<String> servedBy,
      Double seconds,
      Integer inputTokens,
      Integer outputTokens,
      BigDecimal costUsd,
      boolean retried,
      String reason) {

    static StageEvent of(PipelineEvent e) {
      Stage s = e.stage();
      if (e instanceof PipelineEvent.Finished f) {
        StageUsage u = f.usage();
        return new StageEvent(
            s.id(),
            s.label(),
            "finished",
            u.servedBy(),
            f.took().toMillis() / 1000.0,
            u.inputTokens(),
            u.outputTokens(),
            u.cost(),
            u.retried(),
            null);
      }
      if (e instanceof PipelineEvent.Failed f) {
        return new StageEvent(
            s.id(), s.label(), "failed", List.of(), null, null, null, null, false, f.reason());
      }
      String state =
          e instanceof PipelineEvent.Queued
              ? "queued"
              : e instanceof PipelineEvent.Started ? "started" : "reused";
      return new StageEvent(
          s.id(), s.label(), state, List.of(), null, null, null, null, false, null);
    }

    /** A stage already stored, for a client that reconnects after the live events are gone. */
    static StageEvent stored(Session session, Stage s) {
      StageUsage u = session.usage().get(s);
      return new StageEvent(
          s.id(),
          s.label(),
          "finished",
          u == null ? List.of() : u.servedBy(),
          null,
          u == null ? null : u.inputTokens(),
          u == null ? null : u.outputTokens(),
          u == null ? null : u.cost(),
          u != null && u.retried(),
          null);
    }
  }

  /** The end of a pipeline stream. */
  public record PipelineEnd(
      String status, String decision, java.util.Map<String, String> failures) {}

  /**
   * Why a stream stopped without its result; {@code retryable} when trying again may help, and
   * {@code retryAfterSeconds} when every provider said how long to wait (null otherwise).
   */
  public record StreamError(
      String message, String failure, boolean retryable, Long retryAfterSeconds) {
    public StreamError(String message, String failure, boolean retryable) {
      this(message, failure, retryable, null);
    }
  }
}
