package dev.socra.core.interview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.core.Routers;
import dev.socra.core.ScriptedModel;
import dev.socra.core.persona.FounderText;
import dev.socra.core.persona.Prompts;
import dev.socra.core.persona.Stage;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.Router;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One turn, evaluation first: the interviewer is handed notes from the evaluation just made, its
 * question is checked and rewritten once when it breaks the rules, its quick replies never put
 * words in the founder's mouth, and a clicked reply is no evidence.
 */
class InterviewerTest {
  static final String IDEA =
      "Shared cold storage lockers for small farms selling at city markets; farmers told me they"
          + " throw away produce every week";
  static final String QUESTION = "Which farm last threw produce away, and what did it cost them?";

  @TempDir Path dir;

  static String json(Assessment a) {
    try {
      return new ObjectMapper().writeValueAsString(a);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An assessment in which each dimension gets {@code score} for the reason given. */
  static Assessment assessment(int score, String reason, String riskiest) {
    List<DimensionScore> scores = new ArrayList<>();
    for (Dimension d : Dimension.values()) {
      scores.add(
          d == Dimension.PROBLEM
              ? new DimensionScore(d, reason, score)
              : new DimensionScore(d, "no evidence — not discussed", 0));
    }
    return new Assessment(
        IdeaKind.MARKETPLACE,
        List.of("every week"),
        scores,
        List.of(
            new Assumption(
                "Farmers would rent a locker", Dimension.CUSTOMER, "", AssumptionStatus.UNTESTED)),
        riskiest,
        false);
  }

  Router router(ScriptedModel model) {
    return Routers.build(dir, "stub: { token_delay: 0ms }\n", Map.of(), model);
  }

  @Test
  void theEvaluationComesFirstAndTheQuestionIsWrittenFromItsNotes() {
    ScriptedModel model =
        new ScriptedModel()
            .script(
                Stage.INTERVIEW_EVALUATION,
                json(
                    assessment(
                        3,
                        "\"farmers told me they throw away produce every week\" — a claim",
                        "Farmers would pay to keep produce cold")))
            .script(
                Stage.INTERVIEW_QUESTION,
                QUESTION
                    + "\nReplies:\n- It happened last week\n- Not that I know\n- I don't know");
    try (Router router = router(model)) {
      StringBuilder shown = new StringBuilder();
      Interviewer.Asked asked =
          new Interviewer(router, new Prompts("default"))
              .next(Interview.start(IDEA, 7), shown::append);
      assertThat(asked.calls())
          .extracting(Interviewer.Call::stage)
          .containsExactly(Stage.INTERVIEW_EVALUATION, Stage.INTERVIEW_QUESTION);
      // the founder sees the question alone; the replies come with the turn
      assertThat(shown.toString().strip()).isEqualTo(QUESTION);
      Turn open = asked.interview().open();
      assertThat(open.question()).isEqualTo(QUESTION);
      assertThat(open.evaluation().choices())
          .containsExactly("It happened last week", "Not that I know", "I don't know");
      assertThat(open.evaluation().score(Dimension.PROBLEM)).isEqualTo(3);
      assertThat(open.evaluation().notes().riskiestAssumption())
          .isEqualTo("Farmers would pay to keep produce cold");

      // the interviewer was told what the evaluation found; the founder's text stayed data
      String told = model.requests(Stage.INTERVIEW_QUESTION).getFirst().lastUserMessage();
      assertThat(told)
          .startsWith(FounderText.wrap(FounderText.IDEA, IDEA))
          .contains("Notes for question 1 of at most 7")
          .contains("kind of idea: marketplace")
          .contains("riskiest untested assumption: Farmers would pay to keep produce cold")
          .contains("vague in the last answer: \"every week\"");
      assertThat(model.requests(Stage.INTERVIEW_QUESTION).getFirst().system())
          .contains("Never write \"would you\"")
          .contains("Good question for this kind of idea")
          .contains("Replies:");
    }
  }

  @Test
  void aQuestionThatBreaksTheRulesIsWrittenOnceMoreAndTheTurnHoldsTheRewrite() {
    String bad = "Great idea! Would you say farmers love it? And who pays for the lockers?";
    ScriptedModel model =
        new ScriptedModel()
            .script(Stage.INTERVIEW_QUESTION, bad + "\nReplies:\n- Yes\n- No", QUESTION);
    try (Router router = router(model)) {
      StringBuilder shown = new StringBuilder();
      Interviewer.Asked asked =
          new Interviewer(router, new Prompts("default"))
              .next(Interview.start(IDEA, 7), shown::append);
      Turn open = asked.interview().open();
      assertThat(open.question()).isEqualTo(QUESTION);
      assertThat(open.evaluation().checks().draftProblems())
          .anySatisfy(p -> assertThat(p).contains("question marks"))
          .anySatisfy(p -> assertThat(p).contains("praise"))
          .anySatisfy(p -> assertThat(p).contains("would you"));
      assertThat(open.evaluation().checks().finalProblems()).isEmpty();
      assertThat(asked.calls())
          .extracting(Interviewer.Call::stage)
          .containsExactly(
              Stage.INTERVIEW_EVALUATION, Stage.INTERVIEW_QUESTION, Stage.INTERVIEW_QUESTION);
      // the stream stopped at the draft's first question mark; the rewrite replaced it
      assertThat(shown.toString()).isEqualTo("Great idea! Would you say farmers love it?");
      ChatRequest again = model.requests(Stage.INTERVIEW_QUESTION).getLast();
      assertThat(again.lastUserMessage()).startsWith("That breaks the rules:").contains("praise");
      // the rewrite came without replies: the draft's are kept
      assertThat(open.evaluation().choices()).containsExactly("Yes", "No");
    }
  }

  @Test
  void aQuestionThatFailsItsRewriteToIsCutToItsFirstQuestion() {
    String bad = "Who pays for storage today? And how much do they pay each month?";
    ScriptedModel model = new ScriptedModel().script(Stage.INTERVIEW_QUESTION, bad);
    try (Router router = router(model)) {
      Turn open =
          new Interviewer(router, new Prompts("default"))
              .next(Interview.start(IDEA, 7), t -> {})
              .interview()
              .open();
      assertThat(open.question()).isEqualTo("Who pays for storage today?");
      assertThat(open.evaluation().checks().draftProblems()).isNotEmpty();
      assertThat(open.evaluation().checks().finalProblems()).isEmpty();
      // no replies were written: safe positions stand in
      assertThat(open.evaluation().choices()).containsExactlyElementsOf(QuickReplies.OPEN);
    }
  }

  @Test
  void repliesThatInventTheFoundersFactsAreDroppedAndSafeOnesFillIn() {
    ScriptedModel model =
        new ScriptedModel()
            .script(
                Stage.INTERVIEW_QUESTION,
                "Has any farm paid you for storage yet?\nReplies:\n- Yes, 12 farms paid a deposit"
                    + "\n- Green Acres signed up\n- Not yet");
    try (Router router = router(model)) {
      Turn open =
          new Interviewer(router, new Prompts("default"))
              .next(Interview.start(IDEA, 7), t -> {})
              .interview()
              .open();
      assertThat(open.evaluation().choices())
          .containsExactly("Not yet", "Yes — I'll say how many", "I don't know");
      assertThat(open.evaluation().checks().repliesRejected()).isEqualTo(2);
    }
  }

  @Test
  void aClickedReplyIsMarkedForTheEvaluatorAndRaisesNoScore() {
    ScriptedModel model =
        new ScriptedModel()
            .script(
                Stage.INTERVIEW_EVALUATION,
                json(assessment(0, "no evidence — only the idea", "Farmers pay")),
                json(
                    assessment(6, "\"Yes — I'll say how many\" — the founder has paid users", "x")))
            .script(
                Stage.INTERVIEW_QUESTION,
                "Has any farm paid you yet?\nReplies:\n- Yes — I'll say how many\n- Not yet");
    try (Router router = router(model)) {
      Interviewer interviewer = new Interviewer(router, new Prompts("default"));
      Interview iv = interviewer.next(Interview.start(IDEA, 7), t -> {}).interview();
      iv = iv.answeredWith("Yes — I'll say how many");
      assertThat(iv.turns().getFirst().quickReply()).isTrue();
      Turn second = interviewer.next(iv, t -> {}).interview().open();
      assertThat(second.evaluation().score(Dimension.PROBLEM)).isZero();
      assertThat(second.evaluation().checks().heldScores())
          .containsExactly(new HeldScore(Dimension.PROBLEM, 6, 0, EvidenceRules.NO_NEW_QUOTE));
      assertThat(second.evaluation().notes().lastAnswerQuickReply()).isTrue();
      String evaluated = model.requests(Stage.INTERVIEW_EVALUATION).getLast().lastUserMessage();
      assertThat(evaluated)
          .contains(FounderText.CLICKED + "\n<answer>\nYes — I'll say how many\n</answer>")
          .contains("Previous scores (before the latest answer):\n- problem 0: no evidence");
      assertThat(model.requests(Stage.INTERVIEW_QUESTION).getLast().lastUserMessage())
          .contains("the last answer was a clicked quick reply");
    }
  }
}
