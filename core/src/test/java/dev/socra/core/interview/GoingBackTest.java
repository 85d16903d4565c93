package dev.socra.core.interview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every answer names the question it answers, and the founder can change an answer or go back to an
 * earlier question: the interview continues from there and what it leaves behind is kept.
 */
class GoingBackTest {
  static TurnEvaluation scored(int problem) {
    List<DimensionScore> scores = new ArrayList<>();
    for (Dimension d : Dimension.values()) {
      scores.add(new DimensionScore(d, "no evidence", d == Dimension.PROBLEM ? problem : 0));
    }
    return new TurnEvaluation(scores, List.of(), List.of("Not yet", "I don't know"), false);
  }

  /** Three questions asked, the first two answered. */
  static Interview twoAnswered() {
    return Interview.start("Reminders for physio clinics", 7)
        .asked("When did a clinic last lose a booking?", scored(2))
        .answeredWith(1, "Last Tuesday, two of them.")
        .asked("Who lost it?", scored(4))
        .answeredWith(2, "Dr Lee's clinic lost 3 bookings.")
        .asked("What did it cost?", scored(5));
  }

  @Test
  void anAnswerForAQuestionThatIsNotOpenIsRefusedAndFiledNowhere() {
    Interview iv = twoAnswered();
    assertThatThrownBy(() -> iv.answeredWith(2, "a second tab's answer"))
        .isInstanceOf(StaleAnswerException.class)
        .hasMessageContaining("question 3 is the current one")
        .satisfies(e -> assertThat(((StaleAnswerException) e).current()).isEqualTo(3));
    Interview asked = iv.answeredWith(3, "About 90 euros.");
    assertThatThrownBy(() -> asked.answeredWith(4, "too early"))
        .isInstanceOf(StaleAnswerException.class)
        .satisfies(e -> assertThat(((StaleAnswerException) e).current()).isZero());
    assertThat(asked.turns()).extracting(Turn::answer).last().isEqualTo("About 90 euros.");
  }

  @Test
  void changingTheLastAnswerSetsAsideOnlyTheQuestionWrittenAfterIt() {
    Interview iv = twoAnswered().revised(2, "Dr Lee's clinic lost 5 bookings in May.");
    assertThat(iv.turns()).hasSize(2);
    assertThat(iv.turns().get(1).answer()).isEqualTo("Dr Lee's clinic lost 5 bookings in May.");
    assertThat(iv.turns().get(1).evaluation()).isEqualTo(scored(4));
    assertThat(iv.open()).isNull();
    assertThat(iv.revisions()).isEqualTo(1);
    assertThat(iv.history())
        .extracting(h -> h.turn().number() + ":" + h.turn().answer())
        .containsExactly("2:Dr Lee's clinic lost 3 bookings.", "3:null");
    assertThat(iv.history()).allSatisfy(h -> assertThat(h.reopened()).isEqualTo(2));
    // the next question is asked again, as question 3
    assertThat(iv.asked("How often?", scored(6)).open().number()).isEqualTo(3);
  }

  @Test
  void goingBackOpensTheEarlierQuestionAndKeepsEverythingAfterItAsHistory() {
    Interview iv =
        twoAnswered().answeredWith(3, "About 90 euros.").closedWith(scored(7)).reopened(1);
    assertThat(iv.turns()).hasSize(1);
    assertThat(iv.open().number()).isEqualTo(1);
    assertThat(iv.open().question()).isEqualTo("When did a clinic last lose a booking?");
    assertThat(iv.closing()).as("the end-of-interview evaluation no longer stands").isNull();
    assertThat(iv.complete()).isFalse();
    assertThat(iv.history()).hasSize(3);
    assertThat(iv.history().getFirst().turn().answer()).isEqualTo("Last Tuesday, two of them.");

    // Going back twice keeps both sets apart.
    Interview again =
        iv.answeredWith(1, "Yesterday.").asked("Which clinic?", scored(3)).reopened(1);
    assertThat(again.revisions()).isEqualTo(2);
    assertThat(again.history()).hasSize(5);
    assertThat(again.history().subList(3, 5))
        .allSatisfy(h -> assertThat(h.revision()).isEqualTo(2));
  }

  @Test
  void onlyAnAnsweredQuestionCanBeGoneBackTo() {
    Interview iv = twoAnswered();
    assertThatThrownBy(() -> iv.reopened(3)).hasMessageContaining("no answer to change");
    assertThatThrownBy(() -> iv.reopened(0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> iv.reopened(9)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theTranscriptShowsTheAnswersSetAsideWithWhatTheyMoved() {
    Interview iv = twoAnswered().revised(1, "Yesterday, one clinic.");
    Transcript t = Transcript.of(iv);
    assertThat(t.entries())
        .extracting(Transcript.Entry::answer)
        .containsExactly("Yesterday, one clinic.");
    assertThat(t.setAside())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.reopened()).isEqualTo(1);
              assertThat(a.entries()).extracting(Transcript.Entry::number).containsExactly(1, 2, 3);
              Transcript.Entry old = a.entries().getFirst();
              assertThat(old.answer()).isEqualTo("Last Tuesday, two of them.");
              assertThat(old.scores())
                  .containsExactly(
                      new Transcript.ScoreChange(Dimension.PROBLEM, 2, 4, "no evidence"));
              assertThat(a.entries().getLast().answer()).isNull();
            });
  }
}
