package dev.socra.core.interview;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The interview as a record: each question, the answer, and what the answer moved. */
class TranscriptTest {
  private static TurnEvaluation evaluation(int problem, AssumptionStatus status, String movedBy) {
    List<DimensionScore> scores = new ArrayList<>();
    for (Dimension d : Dimension.values()) {
      scores.add(new DimensionScore(d, "no evidence", d == Dimension.PROBLEM ? problem : 0));
    }
    return new TurnEvaluation(
        scores,
        List.of(new Assumption("Clinics lose bookings.", Dimension.PROBLEM, movedBy, status)),
        List.of("Not yet", "I don't know"),
        false);
  }

  @Test
  void eachAnswerShowsTheScoresAndAssumptionsItMoved() {
    Interview iv =
        Interview.start("Reminders for physio clinics", 7)
            .asked(
                "When did a clinic last lose a booking?",
                evaluation(3, AssumptionStatus.UNTESTED, ""))
            .answeredWith("Not yet")
            .asked("Who lost one?", evaluation(3, AssumptionStatus.UNTESTED, ""))
            .answeredWith("Two clinics lost 31 bookings in March.")
            .closedWith(
                evaluation(
                    7, AssumptionStatus.SUPPORTED, "Two clinics lost 31 bookings in March."));
    Transcript t = Transcript.of(iv);
    assertThat(t.start()).filteredOn(s -> s.score() > 0).hasSize(1);
    assertThat(t.entries()).hasSize(2);
    Transcript.Entry first = t.entries().get(0);
    assertThat(first.quickReply()).isTrue();
    assertThat(first.movedNothing()).isTrue();
    Transcript.Entry second = t.entries().get(1);
    assertThat(second.answer()).isEqualTo("Two clinics lost 31 bookings in March.");
    assertThat(second.scores())
        .containsExactly(new Transcript.ScoreChange(Dimension.PROBLEM, 3, 7, "no evidence"));
    assertThat(second.assumptions())
        .singleElement()
        .satisfies(a -> assertThat(a.from()).isEqualTo(AssumptionStatus.UNTESTED))
        .satisfies(a -> assertThat(a.to()).isEqualTo(AssumptionStatus.SUPPORTED))
        .satisfies(
            a -> assertThat(a.movedBy()).isEqualTo("Two clinics lost 31 bookings in March."));
  }

  @Test
  void anAnswerNoEvaluationFollowedYetMovesNothingKnown() {
    Interview iv =
        Interview.start("Reminders for physio clinics", 7)
            .asked("When?", evaluation(3, AssumptionStatus.UNTESTED, ""))
            .answeredWith("Yesterday");
    Transcript.Entry e = Transcript.of(iv).entries().getFirst();
    assertThat(e.evaluated()).isFalse();
    assertThat(e.movedNothing()).isFalse();
    assertThat(Transcript.of(Interview.start("Reminders for physio clinics", 7)).entries())
        .isEmpty();
  }
}
