package dev.socra.core.interview;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The founder's stream shows the question as it is written and stops at its question mark: the
 * replies after it, a second question, or a model's stray formatting never reach the founder,
 * whatever the token boundaries.
 */
class QuestionSinkTest {
  /** Streams {@code text} in pieces of {@code size} characters; returns what the founder saw. */
  static String shown(String text, int size) {
    StringBuilder seen = new StringBuilder();
    QuestionSink sink = new QuestionSink(seen::append);
    for (int i = 0; i < text.length(); i += size) {
      sink.onToken(text.substring(i, Math.min(text.length(), i + size)));
    }
    sink.finish();
    return seen.toString();
  }

  static List<String> everySplit(String text) {
    List<String> out = new ArrayList<>();
    for (int size = 1; size <= 12; size++) {
      out.add(shown(text, size));
    }
    return out;
  }

  @Test
  void theFounderSeesTheQuestionAndNeverTheReplies() {
    String text = "Which clinic paid last?\nReplies:\n- Not yet\n- I don't know";
    assertThat(everySplit(text)).containsOnly("Which clinic paid last?");
    assertThat(QuestionDraft.parse(text))
        .isEqualTo(
            new QuestionDraft("Which clinic paid last?", List.of("Not yet", "I don't know")));
  }

  @Test
  void aSecondQuestionOrTrailingTextIsNotShown() {
    assertThat(everySplit("Who pays? And how much? Be specific.")).containsOnly("Who pays?");
  }

  @Test
  void aQuestionWithoutItsMarkStopsWhereTheRepliesStart() {
    String text = "Tell me who paid last\n- Nobody yet\n- I don't know";
    assertThat(everySplit(text))
        .allSatisfy(s -> assertThat(s.strip()).isEqualTo("Tell me who paid last"));
    assertThat(QuestionDraft.parse(text).replies()).containsExactly("Nobody yet", "I don't know");
  }

  @Test
  void labelsBoldNumberingAndCodeAreTakenOffOrLeftOut() {
    QuestionDraft d =
        QuestionDraft.parse(
            "**Question 3:** Who signed off on the last purchase?\n\n**Replies:**\n1. The owner"
                + "\n2) \"Not yet\"\n```json\n{\"choices\": [\"12 clinics\"]}\n```\n* I don't know");
    assertThat(d.question()).isEqualTo("Who signed off on the last purchase?");
    assertThat(d.replies()).containsExactly("The owner", "Not yet", "I don't know");
  }

  @Test
  void aQuestionOverSeveralLinesIsOneQuestion() {
    QuestionDraft d = QuestionDraft.parse("You said \"lots of clinics\".\nWhich one paid last?");
    assertThat(d.question()).isEqualTo("You said \"lots of clinics\". Which one paid last?");
    assertThat(d.replies()).isEmpty();
  }

  @Test
  void theFounderIsToldTheQuestionIsCompleteBeforeTheRepliesAreWritten() {
    List<String> seen = new ArrayList<>();
    QuestionSink sink = new QuestionSink(seen::add, () -> seen.add("<complete>"));
    sink.onToken("Which clinic ");
    assertThat(seen).doesNotContain("<complete>");
    sink.onToken("paid last?\nRepl");
    assertThat(seen).endsWith("<complete>");
    sink.onToken("ies:\n- Not yet");
    sink.finish();
    assertThat(seen).containsOnlyOnce("<complete>").endsWith("<complete>");
    assertThat(String.join("", seen.subList(0, seen.size() - 1)))
        .isEqualTo("Which clinic paid last?");
  }

  @Test
  void aQuestionWithoutAMarkIsCompleteWhenTheStreamEnds() {
    List<String> seen = new ArrayList<>();
    QuestionSink sink = new QuestionSink(seen::add, () -> seen.add("<complete>"));
    sink.onToken("Tell me who paid last");
    assertThat(seen).doesNotContain("<complete>");
    sink.finish();
    assertThat(seen).containsOnlyOnce("<complete>").endsWith("<complete>");
  }
}
