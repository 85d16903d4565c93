package dev.socra.core.stub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.core.interview.Assumption;
import dev.socra.core.interview.AssumptionStatus;
import dev.socra.core.interview.Dimension;
import dev.socra.core.interview.DimensionScore;
import dev.socra.core.interview.TurnEvaluation;
import dev.socra.core.structured.Separator;
import dev.socra.core.structured.Validity;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Eight demo turns for ideas of every shape, through the interviewer's own requests. */
class DemoInterviewTest {
  private static final Validity<TurnEvaluation> PLAIN =
      new Validity<>(TurnEvaluation.class, x -> List.of());
  private static final List<String> IDEAS = DemoFixtures.IDEAS;

  @ParameterizedTest
  @FieldSource("IDEAS")
  void questionsAreOneOrTwoSentencesQuotingTheIdeaAndDifferEveryTurn(String idea) {
    Set<String> seen = new HashSet<>();
    for (DemoFixtures.Asked a : DemoFixtures.interview(idea, 8)) {
      assertThat(a.question()).as("turn %d", a.number()).isNotBlank().doesNotContain("{", "\n");
      assertThat(a.question().split("(?<=[.?!])\\s+")).hasSizeBetween(1, 2);
      assertThat(DemoFixtures.quotesIdea(a.question(), idea)).as(a.question()).isTrue();
      assertThat(seen.add(a.question())).as("turn %d repeats a question", a.number()).isTrue();
    }
  }

  @ParameterizedTest
  @FieldSource("IDEAS")
  void laterQuestionsQuoteTheLastAnswer(String idea) {
    List<DemoFixtures.Asked> asked = DemoFixtures.interview(idea, 3);
    String answer = asked.get(1).evaluation().choices().getFirst();
    assertThat(asked.get(2).question()).contains(IdeaWords.excerpt(answer));
  }

  @ParameterizedTest
  @FieldSource("IDEAS")
  void everyEvaluationPassesTheSchemaAndScoresEachDimensionOnce(String idea) {
    for (DemoFixtures.Asked a : DemoFixtures.interview(idea, 8)) {
      assertThat(PLAIN.read(a.evaluationJson()).errors()).isEmpty();
      TurnEvaluation e = a.evaluation();
      assertThat(e.scores())
          .extracting(DimensionScore::dimension)
          .containsExactly(Dimension.values());
      assertThat(e.scores()).allSatisfy(s -> assertThat(s.score()).isBetween(0, 10));
      assertThat(e.scores())
          .allSatisfy(s -> assertThat(DemoFixtures.quotesIdea(s.reason(), idea)).isTrue());
      assertThat(e.assumptions()).hasSizeBetween(3, 6);
      assertThat(e.assumptions())
          .allSatisfy(x -> assertThat(DemoFixtures.quotesIdea(x.statement(), idea)).isTrue());
      assertThat(e.choices()).hasSizeBetween(2, 4).doesNotHaveDuplicates();
      boolean allKnown = e.scores().stream().allMatch(s -> s.score() >= 6);
      assertThat(e.enoughKnown()).as("turn %d", a.number()).isEqualTo(a.number() >= 7 || allKnown);
      if (a.number() <= 3) {
        assertThat(e.enoughKnown()).isFalse();
      }
    }
  }

  @ParameterizedTest
  @FieldSource("IDEAS")
  void scoresRiseModestlyAsAnswersArrive(String idea) {
    List<DemoFixtures.Asked> asked = DemoFixtures.interview(idea, 8);
    for (int i = 1; i < asked.size(); i++) {
      List<DimensionScore> before = asked.get(i - 1).evaluation().scores();
      List<DimensionScore> after = asked.get(i).evaluation().scores();
      for (int d = 0; d < before.size(); d++) {
        assertThat(after.get(d).score())
            .isBetween(before.get(d).score(), before.get(d).score() + 3);
      }
    }
    int first =
        asked.getFirst().evaluation().scores().stream().mapToInt(DimensionScore::score).sum();
    int last = asked.getLast().evaluation().scores().stream().mapToInt(DimensionScore::score).sum();
    assertThat(last).isGreaterThan(first);
    assertThat(asked.getFirst().evaluation().scores())
        .allSatisfy(s -> assertThat(s.score()).isLessThan(5));
  }

  @ParameterizedTest
  @FieldSource("IDEAS")
  void assumptionsMoveWithTheAnswerThatMovedThem(String idea) {
    List<DemoFixtures.Asked> asked = DemoFixtures.interview(idea, 8);
    assertThat(asked.getFirst().evaluation().assumptions())
        .allSatisfy(
            x -> {
              assertThat(x.status()).isEqualTo(AssumptionStatus.UNTESTED);
              assertThat(x.movedBy()).isEmpty();
            });
    List<String> answers = asked.stream().map(a -> a.evaluation().choices().getFirst()).toList();
    List<Assumption> last = asked.getLast().evaluation().assumptions();
    assertThat(last).anyMatch(x -> x.status() != AssumptionStatus.UNTESTED);
    for (Assumption x : last) {
      if (x.status() == AssumptionStatus.UNTESTED) {
        assertThat(x.movedBy()).isEmpty();
      } else {
        assertThat(answers).contains(x.movedBy());
      }
    }
  }

  @ParameterizedTest
  @FieldSource("IDEAS")
  void oneCallTurnsHoldTheQuestionThenTheSeparatorThenTheEvaluation(String idea) {
    for (DemoFixtures.Asked a : DemoFixtures.interview(idea, 8)) {
      String answer = DemoFixtures.DEMO.answer(a.turnRequest());
      int at = answer.indexOf(Separator.MARK);
      assertThat(at).isPositive();
      assertThat(answer.substring(0, at).strip()).isEqualTo(a.question());
      String json = answer.substring(at + Separator.MARK.length());
      assertThat(PLAIN.read(json).errors()).isEmpty();
      assertThat(PLAIN.read(json).value()).isEqualTo(a.evaluation());
    }
  }

  @ParameterizedTest
  @FieldSource("IDEAS")
  void theSameRequestGetsTheSameAnswer(String idea) {
    for (DemoFixtures.Asked a : DemoFixtures.interview(idea, 8)) {
      assertThat(new DemoStages().answer(a.questionRequest())).isEqualTo(a.question());
      assertThat(new DemoStages().answer(a.evaluationRequest())).isEqualTo(a.evaluationJson());
    }
    assertThat(DemoFixtures.interview(idea, 8)).isEqualTo(DemoFixtures.interview(idea, 8));
  }
}
