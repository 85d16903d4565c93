package dev.socra.core.interview;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The rules every question is held to, on questions good and bad. */
class QuestionCheckTest {
  static final List<String> GOOD =
      List.of(
          "When did a clinic you spoke to last lose a booking to a no-show, and what did they do?",
          "You said \"lots of clinics would love this\". Which clinic last paid for a fix?",
          "Has anyone paid you for this yet?",
          "Is this a nice-to-have or has someone already spent money on it?",
          "Wer hat zuletzt Brot weggeworfen, und wie viel?",
          "東京のカフェで最後に予約を失ったのはいつですか？");

  static final List<String> BAD =
      List.of(
          "Would you pay for this?",
          "Great idea! Who pays?",
          "Who pays? And how much?",
          "Tell me about your customers.",
          "Who pays for this today? Be specific.",
          "Imagine you had 100 users: what happens next?",
          "What did the last customer you interviewed say about the problem, how much are they"
              + " paying for the current workaround, who signs off on that spending, how often do"
              + " they buy, and what would make them switch to a new tool?",
          "Do you think farmers want this?",
          "That's fascinating — which farm signed up first?");

  @ParameterizedTest
  @FieldSource("GOOD")
  void aQuestionAboutWhatHappenedPasses(String question) {
    assertThat(QuestionCheck.problems(question)).isEmpty();
  }

  @ParameterizedTest
  @FieldSource("BAD")
  void aQuestionThatBreaksARuleIsCaught(String question) {
    assertThat(QuestionCheck.problems(question)).isNotEmpty();
  }

  @Test
  void eachProblemSaysWhatIsWrong() {
    assertThat(QuestionCheck.problems("Would you pay for this?"))
        .containsExactly("a hypothetical (\"would you\"): ask what already happened");
    assertThat(QuestionCheck.problems("Great idea! Who pays?"))
        .containsExactly("praise (\"great\")");
    assertThat(QuestionCheck.problems("Who pays? And how much?"))
        .containsExactly("2 question marks: ask exactly one question");
    assertThat(QuestionCheck.problems("Tell me about your customers."))
        .containsExactly("no question mark");
    assertThat(QuestionCheck.problems(BAD.get(6))).anyMatch(p -> p.endsWith("words: at most 40"));
  }

  @Test
  void theFoundersOwnWordsQuotedInAQuestionAreNotHeldAgainstIt() {
    assertThat(
            QuestionCheck.problems(
                "You said \"a great app everyone would love\". Who has paid for it so far?"))
        .isEmpty();
  }

  @Test
  void aQuestionThatFailedItsRewriteIsCutToItsFirstQuestionWithoutThePraise() {
    assertThat(QuestionCheck.mend("Great point. Who pays today? And how much?"))
        .isEqualTo("Who pays today?");
    assertThat(QuestionCheck.mend("Who pays today?")).isEqualTo("Who pays today?");
  }
}
