package dev.socra.core.stub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.core.interview.Assumption;
import dev.socra.core.interview.AssumptionStatus;
import dev.socra.core.interview.Dimension;
import dev.socra.core.interview.DimensionScore;
import dev.socra.core.interview.QuestionCheck;
import dev.socra.core.interview.QuickReplies;
import dev.socra.core.interview.Quotes;
import dev.socra.core.interview.TurnEvaluation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Eight demo turns for ideas of every shape, through Socra's own interviewer: the demo keeps the
 * rules a real model is held to, so the checks never have to hold it back.
 */
class DemoInterviewTest {
  private static final List<String> IDEAS = DemoFixtures.IDEAS;

  @ParameterizedTest
  @FieldSource("IDEAS")
  void questionsPassTheChecksQuoteTheFounderAndDifferEveryTurn(String idea) {
    Set<String> seen = new HashSet<>();
    for (DemoFixtures.Asked a : DemoFixtures.interview(idea, 8, DemoFixtures.TYPED)) {
      assertThat(QuestionCheck.problems(a.question())).as(a.question()).isEmpty();
      assertThat(a.turn().evaluation().checks().draftProblems()).isEmpty();
      assertThat(a.question())
          .doesNotContain("{it}", "{It}", "{who}", "{model}", "{payer}", "{rivals}", "\n")
          .doesNotContain("Replies");
      assertThat(DemoFixtures.quotesIdea(a.question(), idea) || a.question().startsWith("You said"))
          .as(a.question())
          .isTrue();
      assertThat(seen.add(a.question())).as("turn %d repeats a question", a.number()).isTrue();
    }
  }

  @ParameterizedTest
  @FieldSource("IDEAS")
  void laterQuestionsQuoteTheLastAnswer(String idea) {
    List<DemoFixtures.Asked> asked = DemoFixtures.interview(idea, 3, DemoFixtures.TYPED);
    String answer = DemoFixtures.TYPED.apply(2, asked.get(1).turn());
    assertThat(asked.get(2).question()).contains(IdeaWords.shortQuote(answer));
  }

  @ParameterizedTest
  @FieldSource("IDEAS")
  void everyAssessmentKeepsTheEvidenceRulesSoNoScoreIsHeldBack(String idea) {
    for (DemoFixtures.Asked a : DemoFixtures.interview(idea, 8, DemoFixtures.TYPED)) {
      assertThat(a.assessment().scores())
          .extracting(DimensionScore::dimension)
          .containsExactly(Dimension.values());
      assertThat(a.assessment().scores())
          .allSatisfy(
              s ->
                  assertThat(
                          s.reason().startsWith("no evidence")
                              || Quotes.leading(s.reason()).isPresent())
                      .as(s.reason())
                      .isTrue());
      assertThat(a.assessment().assumptions()).hasSizeBetween(3, 6);
      TurnEvaluation e = a.turn().evaluation();
      assertThat(e.checks().heldScores()).as("turn %d", a.number()).isEmpty();
      assertThat(e.scores()).isEqualTo(a.assessment().scores());
    }
  }

  @ParameterizedTest
  @FieldSource("IDEAS")
  void scoresRiseWithTypedAnswersAndNeverWithClickedReplies(String idea) {
    List<DemoFixtures.Asked> typed = DemoFixtures.interview(idea, 8, DemoFixtures.TYPED);
    List<DemoFixtures.Asked> clicked = DemoFixtures.interview(idea, 8, DemoFixtures.CLICK_FIRST);
    int firstTyped = total(typed.getFirst());
    assertThat(total(typed.getLast())).isGreaterThan(firstTyped);
    assertThat(typed.getFirst().turn().evaluation().scores())
        .allSatisfy(s -> assertThat(s.score()).isLessThanOrEqualTo(3));
    // a founder who only clicks gives no evidence: the scores stay where the idea put them
    for (DemoFixtures.Asked a : clicked) {
      assertThat(total(a)).as("turn %d", a.number()).isEqualTo(total(clicked.getFirst()));
      assertThat(a.turn().evaluation().enoughKnown()).isFalse();
    }
  }

  @ParameterizedTest
  @FieldSource("IDEAS")
  void assumptionsMoveOnlyWithTheTypedAnswerThatMovedThem(String idea) {
    List<DemoFixtures.Asked> asked = DemoFixtures.interview(idea, 8, DemoFixtures.TYPED);
    assertThat(asked.getFirst().turn().evaluation().assumptions())
        .allSatisfy(
            x -> {
              assertThat(x.status()).isEqualTo(AssumptionStatus.UNTESTED);
              assertThat(x.movedBy()).isEmpty();
            });
    List<Assumption> last = asked.getLast().turn().evaluation().assumptions();
    assertThat(last).anyMatch(x -> x.status() != AssumptionStatus.UNTESTED);
    List<String> answers =
        asked.stream().map(a -> DemoFixtures.TYPED.apply(a.number(), a.turn())).toList();
    for (Assumption x : last) {
      if (x.status() != AssumptionStatus.UNTESTED) {
        assertThat(Quotes.verbatimIn(x.movedBy(), answers)).as(x.movedBy()).isTrue();
      }
    }
    List<DemoFixtures.Asked> clicked = DemoFixtures.interview(idea, 8, DemoFixtures.CLICK_FIRST);
    assertThat(clicked.getLast().turn().evaluation().assumptions())
        .allSatisfy(x -> assertThat(x.status()).isNotEqualTo(AssumptionStatus.SUPPORTED));
  }

  @ParameterizedTest
  @FieldSource("IDEAS")
  void quickRepliesArePositionsThatPassTheReplyRule(String idea) {
    for (DemoFixtures.Asked a : DemoFixtures.interview(idea, 8, DemoFixtures.TYPED)) {
      List<String> choices = a.turn().evaluation().choices();
      assertThat(choices).hasSizeBetween(2, 4).doesNotHaveDuplicates();
      assertThat(a.turn().evaluation().checks().repliesRejected()).isZero();
      assertThat(choices).noneMatch(c -> c.matches(".*\\d.*"));
      assertThat(a.questionText()).contains("\nReplies:\n- " + choices.getFirst());
      assertThat(QuickReplies.safe(a.question())).isNotEmpty();
    }
  }

  @ParameterizedTest
  @FieldSource("IDEAS")
  void theSameRequestGetsTheSameAnswer(String idea) {
    for (DemoFixtures.Asked a : DemoFixtures.interview(idea, 8)) {
      assertThat(new DemoStages().answer(a.questionRequest())).isEqualTo(a.questionText());
      assertThat(new DemoStages().answer(a.evaluationRequest())).isEqualTo(a.evaluationJson());
    }
    assertThat(DemoFixtures.interview(idea, 8)).isEqualTo(DemoFixtures.interview(idea, 8));
  }

  private static int total(DemoFixtures.Asked a) {
    return a.turn().evaluation().scores().stream().mapToInt(DimensionScore::score).sum();
  }
}
