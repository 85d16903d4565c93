package dev.socra.core.interview;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever the tokenisation, the founder sees the question and never the JSON. */
class SeparatorSinkTest {
  static final String QUESTION = "Which farm paid you for storage last month?";
  static final String JSON = "{\"a\": 1}";

  /** Feeds the text in pieces of {@code size} characters. */
  static SeparatorSink feed(String text, int size, StringBuilder shown) {
    SeparatorSink sink = new SeparatorSink(shown::append);
    for (int i = 0; i < text.length(); i += size) {
      sink.onToken(text.substring(i, Math.min(text.length(), i + size)));
    }
    sink.finish();
    return sink;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 7, 11, 1000})
  void aSeparatorOnItsOwnLineSplitsQuestionFromJsonHoweverItArrives(int size) {
    for (String text :
        List.of(QUESTION + "\n###JSON###\n" + JSON, QUESTION + "\n  ###JSON### " + JSON)) {
      StringBuilder shown = new StringBuilder();
      SeparatorSink sink = feed(text, size, shown);
      assertThat(shown.toString().strip()).isEqualTo(QUESTION);
      assertThat(sink.found()).isTrue();
      assertThat(sink.question()).isEqualTo(QUESTION);
      assertThat(sink.json().strip()).isEqualTo(JSON);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 1000})
  void aSeparatorInMidSentenceIsDroppedAndTheQuestionKept(int size) {
    StringBuilder shown = new StringBuilder();
    SeparatorSink sink = feed("Who pays ###JSON### for lockers today?", size, shown);
    assertThat(shown.toString())
        .doesNotContain("#")
        .contains("Who pays")
        .contains("for lockers today?");
    assertThat(sink.found()).isFalse();
    assertThat(sink.question()).isEqualTo("Who pays for lockers today?");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4, 1000})
  void aForgottenSeparatorBeforeJsonStillKeepsTheJsonFromTheFounder(int size) {
    for (String text : List.of(QUESTION + "\n" + JSON, QUESTION + "\n```json\n" + JSON + "\n```")) {
      StringBuilder shown = new StringBuilder();
      SeparatorSink sink = feed(text, size, shown);
      assertThat(shown.toString()).doesNotContain("{").doesNotContain("`");
      assertThat(sink.question()).isEqualTo(QUESTION);
      assertThat(sink.found()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 1000})
  void aPlainQuestionIsShownWhole(int size) {
    StringBuilder shown = new StringBuilder();
    SeparatorSink sink = feed(QUESTION, size, shown);
    assertThat(shown.toString()).isEqualTo(QUESTION);
    assertThat(sink.found()).isFalse();
  }
}
