package dev.socra.core.interview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.core.Routers;
import dev.socra.core.persona.Prompts;
import dev.socra.core.persona.Stage;
import dev.socra.core.structured.Separator;
import dev.socra.core.stub.DemoStages;
import dev.socra.llm.Router;
import dev.socra.llm.config.Capabilities;
import dev.socra.llm.config.Protocol;
import dev.socra.llm.config.ProviderConfig;
import dev.socra.llm.config.RouterConfig;
import dev.socra.llm.testkit.FakeProvider;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The seed lost its quick replies whenever a small model misplaced the separator. Here a target
 * that declares it follows the separator answers in one call; one that breaks it anyway, or a
 * target that never was asked to, still yields a full evaluation from a JSON call.
 */
class InterviewerTest {
  static final String IDEA = "Shared cold storage lockers for small farms selling at city markets";

  @AutoClose FakeProvider fake = FakeProvider.start(0);

  /** A valid evaluation, as JSON, written by the demo stub for this interview. */
  static String evaluationJson(Interview interview) {
    String turn = new DemoStages().answer(new Prompts("default").turn(interview));
    return turn.substring(turn.indexOf(Separator.MARK) + Separator.MARK.length());
  }

  Router router(boolean separator) {
    return Routers.build(
        RouterConfig.builder()
            .provider(
                ProviderConfig.builder("a", Protocol.ANTHROPIC)
                    .baseUrl(fake.anthropicBaseUrl())
                    .key("K", "test-key-anthropic-0123456789")
                    .model("claude")
                    .capabilities(Capabilities.NONE.withSeparator(separator)))
            .route("default", "a"));
  }

  @Test
  void aTargetThatFollowsTheSeparatorAnswersInOneCallAndTheFounderNeverSeesTheJson() {
    Interview start = Interview.start(IDEA, 7);
    String json = evaluationJson(start);
    fake.scriptWhen(
        "claude",
        Stage.INTERVIEW_TURN.marker(),
        List.of("Which farm paid you for storage last month?\n" + Separator.MARK + "\n" + json));
    try (Router router = router(true)) {
      StringBuilder shown = new StringBuilder();
      Interviewer.Asked asked =
          new Interviewer(router, new Prompts("default"), "default").next(start, shown::append);
      assertThat(shown.toString().strip()).isEqualTo("Which farm paid you for storage last month?");
      assertThat(asked.calls())
          .extracting(Interviewer.Call::stage)
          .containsExactly(Stage.INTERVIEW_TURN);
      TurnEvaluation e = asked.interview().open().evaluation();
      assertThat(e.scores()).hasSize(8);
      assertThat(e.choices()).hasSizeBetween(2, 4);
    }
  }

  @Test
  void aMisplacedSeparatorStillYieldsQuickRepliesFromAJsonCall() {
    Interview start = Interview.start(IDEA, 7);
    String json = evaluationJson(start);
    // the small-model failure: the separator in mid-sentence and no JSON after it
    fake.scriptWhen(
        "claude",
        Stage.INTERVIEW_TURN.marker(),
        List.of("Who pays " + Separator.MARK + " for lockers today?"));
    fake.scriptWhen("claude", Stage.INTERVIEW_EVALUATION.marker(), List.of(json));
    try (Router router = router(true)) {
      Interviewer.Asked asked =
          new Interviewer(router, new Prompts("default"), "default").next(start, t -> {});
      assertThat(asked.calls())
          .extracting(Interviewer.Call::stage)
          .containsExactly(Stage.INTERVIEW_TURN, Stage.INTERVIEW_EVALUATION);
      assertThat(asked.interview().open().evaluation().choices()).isNotEmpty();
    }
  }

  @Test
  void aTargetNotKnownToFollowTheSeparatorGetsTwoCalls() {
    Interview start = Interview.start(IDEA, 7);
    fake.scriptWhen(
        "claude", Stage.INTERVIEW_QUESTION.marker(), List.of("How many farms asked you for this?"));
    fake.scriptWhen(
        "claude", Stage.INTERVIEW_EVALUATION.marker(), List.of("{broken", evaluationJson(start)));
    try (Router router = router(false)) {
      StringBuilder shown = new StringBuilder();
      Interviewer.Asked asked =
          new Interviewer(router, new Prompts("default"), "default").next(start, shown::append);
      assertThat(shown.toString()).isEqualTo("How many farms asked you for this?");
      // the broken JSON was repaired once
      assertThat(asked.calls())
          .extracting(Interviewer.Call::stage)
          .containsExactly(
              Stage.INTERVIEW_QUESTION, Stage.INTERVIEW_EVALUATION, Stage.INTERVIEW_EVALUATION);
      assertThat(asked.interview().open().question())
          .isEqualTo("How many farms asked you for this?");
    }
  }
}
