package dev.socra.app.eval;

import dev.socra.core.Socra;
import dev.socra.core.interview.EvidenceRules;
import dev.socra.core.interview.HeldScore;
import dev.socra.core.interview.Turn;
import dev.socra.core.interview.TurnChecks;
import dev.socra.core.interview.TurnEvaluation;
import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.Decision;
import dev.socra.core.pipeline.Verdict;
import dev.socra.core.session.Session;
import dev.socra.core.session.StageUsage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One scripted founder through a whole session, on the same {@link Socra} entry point {@code socra
 * ask} uses: questions answered by the script until the interview is complete, then the pipeline.
 * What the session's turns recorded (the checks, the held scores) and the verdict make the result.
 */
public final class FounderRun {
  private FounderRun() {}

  /**
   * What one founder's session showed.
   *
   * @param turns questions answered
   * @param questions questions asked
   * @param factsUncovered facts the script revealed, out of {@code facts}
   * @param draftsFailing questions whose first draft broke the question rules
   * @param stillFailing questions that broke them after their one rewrite too
   * @param movedWithoutQuote score moves the evidence rules reverted (no new quote, or no quote)
   * @param claimsCapped scores above 5 held at 5 for want of a number
   * @param verdict the tribunal's decision (null when the session failed first)
   * @param failure why the session stopped, or null
   */
  public record Result(
      ScriptedFounder founder,
      int turns,
      int questions,
      int factsUncovered,
      int facts,
      int draftsFailing,
      int stillFailing,
      int movedWithoutQuote,
      int claimsCapped,
      Decision verdict,
      int inputTokens,
      int outputTokens,
      BigDecimal cost,
      boolean estimated,
      String failure) {

    public boolean verdictRight() {
      return verdict != null && founder.verdicts().contains(verdict);
    }

    public boolean failed() {
      return failure != null;
    }
  }

  /** Runs the founder's session on {@code socra} with at most {@code maxTurns} questions. */
  public static Result run(Socra socra, ScriptedFounder founder, int maxTurns) {
    Set<String> told = new LinkedHashSet<>();
    Session s = null;
    try {
      s = socra.start("eval", founder.idea(), maxTurns);
      while (!s.interview().complete()) {
        s = socra.ask(s, token -> {});
        Turn open = s.interview().open();
        ScriptedFounder.Answer a = founder.answer(open.question(), told, open.number());
        if (a.fact() != null) {
          told.add(a.fact());
        }
        s = socra.answer(s, a.text());
      }
      s = socra.runPipeline(s, e -> {});
      return result(founder, s, told, null);
    } catch (RuntimeException e) {
      return result(founder, s, told, e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  private static Result result(
      ScriptedFounder founder, Session s, Set<String> told, String failure) {
    int drafts = 0;
    int still = 0;
    int moved = 0;
    int capped = 0;
    int turns = 0;
    int questions = 0;
    List<TurnEvaluation> evaluations = new ArrayList<>();
    if (s != null) {
      turns = s.interview().answered();
      questions = s.interview().turns().size();
      s.interview().turns().forEach(t -> evaluations.add(t.evaluation()));
      evaluations.add(s.interview().closing());
    }
    for (TurnEvaluation e : evaluations) {
      TurnChecks c = e == null ? null : e.checks();
      if (c == null) {
        continue;
      }
      drafts += c.draftProblems().isEmpty() ? 0 : 1;
      still += c.finalProblems().isEmpty() ? 0 : 1;
      for (HeldScore h : c.heldScores()) {
        if (h.rule().equals(EvidenceRules.CLAIMS_CAP)) {
          capped++;
        } else {
          moved++;
        }
      }
    }
    int in = 0;
    int out = 0;
    BigDecimal cost = BigDecimal.ZERO;
    boolean estimated = false;
    Decision verdict = null;
    if (s != null) {
      for (StageUsage u : s.usage().values()) {
        in += u.inputTokens();
        out += u.outputTokens();
        cost = cost.add(u.cost());
        estimated |= u.estimated();
      }
      Verdict v = s.result(Stage.TRIBUNAL, Verdict.class);
      verdict = v == null ? null : v.decision();
    }
    return new Result(
        founder,
        turns,
        questions,
        told.size(),
        founder.facts().size(),
        drafts,
        still,
        moved,
        capped,
        verdict,
        in,
        out,
        cost,
        estimated,
        failure);
  }
}
