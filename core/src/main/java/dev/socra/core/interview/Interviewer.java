package dev.socra.core.interview;

import dev.socra.core.persona.Prompts;
import dev.socra.core.persona.Stage;
import dev.socra.core.structured.Structured;
import dev.socra.core.structured.StructuredOutput;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.LlmCallException;
import dev.socra.llm.Router;
import dev.socra.llm.TokenSink;
import java.util.ArrayList;
import java.util.List;

/**
 * One turn, evaluation first: the answers so far are evaluated (a JSON call, held to the {@link
 * EvidenceRules}), then the next question is streamed to the founder from short notes on that
 * evaluation, with its quick replies after it in the same call. The question is checked ({@link
 * QuestionCheck}) and written once more if it fails; the replies are checked ({@link
 * QuickReplies}). Scores are therefore ready when the question starts, and the founder can answer
 * as soon as it is there.
 *
 * <p>The question and its replies share one call: the replies are a few plain lines, not JSON, and
 * the founder's stream stops at the question mark, so a model that forgets the {@code Replies:}
 * line costs the replies (safe ones stand in), never a broken question. The evaluation cannot share
 * that call any more: the question is written from it.
 */
public final class Interviewer {
  private final Router router;
  private final Prompts prompts;
  private final StructuredOutput structured;

  public Interviewer(Router router, Prompts prompts) {
    this.router = router;
    this.prompts = prompts;
    this.structured = new StructuredOutput(router);
  }

  /** One asked turn and the calls it took, by stage, for the ledger. */
  public record Asked(Interview interview, List<Call> calls) {}

  /** A call made for a stage. */
  public record Call(Stage stage, ChatResponse response) {}

  /** Evaluates the answers so far, then asks the next question, streaming it to {@code founder}. */
  public Asked next(Interview interview, TokenSink founder) {
    return next(interview, founder, () -> {});
  }

  /**
   * The same, and {@code questionWritten} runs as soon as the question's words are complete, while
   * its quick replies are still being written: the founder may answer from then on.
   */
  public Asked next(Interview interview, TokenSink founder, Runnable questionWritten) {
    List<Call> calls = new ArrayList<>();
    Structured<Assessment> assessed =
        structured.complete(prompts.evaluation(interview), Evaluations.VALIDITY);
    assessed.calls().forEach(c -> calls.add(new Call(Stage.INTERVIEW_EVALUATION, c)));
    EvidenceRules.Judged judged = EvidenceRules.judge(interview, assessed.value());
    InterviewNotes notes = InterviewNotes.of(interview, assessed.value(), judged.scores());

    QuestionSink sink = new QuestionSink(founder, questionWritten);
    ChatResponse written = router.stream(prompts.question(interview, notes), sink);
    sink.finish();
    calls.add(new Call(Stage.INTERVIEW_QUESTION, written));
    QuestionDraft draft = QuestionDraft.parse(written.text());
    List<String> draftProblems = QuestionCheck.problems(draft.question());
    QuestionDraft used = draft;
    if (!draftProblems.isEmpty()) {
      used = rewrite(interview, notes, written.text(), draft, draftProblems, calls);
    }
    List<String> finalProblems = QuestionCheck.problems(used.question());

    QuickReplies.Checked replies =
        QuickReplies.check(used.replies(), used.question(), EvidenceRules.founderText(interview));
    TurnEvaluation evaluation =
        new TurnEvaluation(
            judged.scores(),
            judged.assumptions(),
            replies.replies(),
            judged.enoughKnown(),
            notes,
            new TurnChecks(draftProblems, finalProblems, judged.held(), replies.rejected()));
    return new Asked(interview.asked(used.question(), evaluation), calls);
  }

  /**
   * The evaluation after the last answer, which no question follows: held to the same rules, with
   * no quick replies.
   */
  public Structured<TurnEvaluation> closing(Interview interview) {
    Structured<Assessment> assessed =
        structured.complete(prompts.closingEvaluation(interview), Evaluations.VALIDITY);
    EvidenceRules.Judged judged = EvidenceRules.judge(interview, assessed.value());
    InterviewNotes notes = InterviewNotes.of(interview, assessed.value(), judged.scores());
    TurnEvaluation e =
        new TurnEvaluation(
            judged.scores(),
            judged.assumptions(),
            List.of(),
            judged.enoughKnown(),
            notes,
            new TurnChecks(List.of(), List.of(), judged.held(), 0));
    return new Structured<>(e, assessed.calls());
  }

  /**
   * One more try at a question that broke the rules, not streamed: the founder has seen the draft,
   * and the turn (and its event) carries the question that stands. When the rewrite fails too, or
   * cannot be had, the better of the two is mended as far as code can.
   */
  private QuestionDraft rewrite(
      Interview interview,
      InterviewNotes notes,
      String text,
      QuestionDraft draft,
      List<String> problems,
      List<Call> calls) {
    QuestionDraft best = draft;
    try {
      ChatResponse again = router.complete(prompts.questionAgain(interview, notes, text, problems));
      calls.add(new Call(Stage.INTERVIEW_QUESTION, again));
      QuestionDraft second = QuestionDraft.parse(again.text());
      List<String> secondProblems = QuestionCheck.problems(second.question());
      if (secondProblems.isEmpty()) {
        return second.replies().isEmpty()
            ? new QuestionDraft(second.question(), draft.replies())
            : second;
      }
      if (secondProblems.size() < problems.size()) {
        best = second;
      }
    } catch (LlmCallException e) {
      // the draft stands, mended below
    }
    String mended = QuestionCheck.mend(best.question());
    if (mended.isBlank()) {
      mended = best.question().isBlank() ? draft.question() : best.question();
    }
    if (mended.isBlank()) {
      mended = fallback(notes);
    }
    return new QuestionDraft(mended, best.replies().isEmpty() ? draft.replies() : best.replies());
  }

  /** A question in the rules' own words, for when the model wrote none at all twice. */
  static String fallback(InterviewNotes notes) {
    Dimension d = notes.weakest().isEmpty() ? Dimension.PROBLEM : notes.weakest().getFirst();
    return switch (d) {
      case PROBLEM ->
          "When did this problem last happen to someone you know, and what did it cost them?";
      case CUSTOMER ->
          "Who is the last person you spoke to who has this problem, and what do they do about it today?";
      case MARKET -> "How many people or companies with this problem have you counted, and how?";
      case SOLUTION -> "What did the last person you showed a first version to do with it?";
      case BUSINESS_MODEL -> "Has anyone paid you anything for this yet, and how much?";
      case UNFAIR_ADVANTAGE -> "What have you done in this field that a funded competitor has not?";
      case FEASIBILITY ->
          "What is the hardest part you have already built or tried, and what broke?";
      case GO_TO_MARKET -> "How did your last three users or customers hear about you?";
    };
  }
}
