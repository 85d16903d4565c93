package dev.socra.core.interview;

import dev.socra.core.persona.Prompts;
import dev.socra.core.persona.Stage;
import dev.socra.core.structured.Structured;
import dev.socra.core.structured.StructuredOutput;
import dev.socra.core.structured.Validity;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.Router;
import dev.socra.llm.TokenSink;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the next question, streamed to the founder, with its evaluation. Where the route's likely
 * target declares it follows a separator, question and evaluation come from one call; otherwise, or
 * when that answer's JSON is missing or invalid, the evaluation comes from a second, JSON-only call
 * (the seed's fix), which has its own repair and fail-over.
 */
public final class Interviewer {
  private final Router router;
  private final Prompts prompts;
  private final StructuredOutput structured;
  private final String route;

  public Interviewer(Router router, Prompts prompts, String route) {
    this.router = router;
    this.prompts = prompts;
    this.structured = new StructuredOutput(router);
    this.route = route;
  }

  /** One asked turn and the calls it took, by stage, for the ledger. */
  public record Asked(Interview interview, List<Call> calls) {}

  /** A call made for a stage. */
  public record Call(Stage stage, ChatResponse response) {}

  public Asked next(Interview interview, TokenSink founder) {
    List<Call> calls = new ArrayList<>();
    String question = null;
    if (oneCall()) {
      SeparatorSink sink = new SeparatorSink(founder);
      ChatResponse r = router.stream(prompts.turn(interview), sink);
      sink.finish();
      calls.add(new Call(Stage.INTERVIEW_TURN, r));
      question = sink.question();
      if (sink.found() && !question.isEmpty()) {
        Validity.Result<TurnEvaluation> read = Evaluations.VALIDITY.read(sink.json());
        if (read.valid()) {
          return new Asked(interview.asked(question, read.value()), calls);
        }
        // one repair showing the errors, then the JSON call
        var repaired =
            structured.repairOnce(
                prompts.turn(interview), r.text(), read.errors(), Evaluations.VALIDITY);
        if (repaired.isPresent()) {
          repaired.get().calls().forEach(c -> calls.add(new Call(Stage.INTERVIEW_EVALUATION, c)));
          return new Asked(interview.asked(question, repaired.get().value()), calls);
        }
      }
    }
    if (question == null || question.isEmpty()) {
      ChatResponse q = router.stream(prompts.question(interview), founder);
      calls.add(new Call(Stage.INTERVIEW_QUESTION, q));
      question = q.text().strip();
    }
    Structured<TurnEvaluation> e =
        structured.complete(prompts.evaluation(interview, question), Evaluations.VALIDITY);
    e.calls().forEach(c -> calls.add(new Call(Stage.INTERVIEW_EVALUATION, c)));
    return new Asked(interview.asked(question, e.value()), calls);
  }

  private boolean oneCall() {
    return router
        .likelyTarget(route)
        .map(t -> router.config().provider(t).capabilities().separator())
        .orElse(false);
  }
}
