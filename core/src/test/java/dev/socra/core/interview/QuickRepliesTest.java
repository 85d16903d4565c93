package dev.socra.core.interview;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A quick reply states a position, never a fact the founder has not given: one click must not put
 * "12 clinics paid a deposit" in the founder's mouth.
 */
class QuickRepliesTest {
  static final List<String> SAID =
      List.of(
          "Booking software for physiotherapy clinics in Leeds",
          "I spoke to 9 practice managers; two use paper diaries.");

  @Test
  void positionsAreOfferedAsWritten() {
    QuickReplies.Checked c =
        QuickReplies.check(
            List.of("Not yet", "Yes — I'll say how many", "I don't know", "No one has paid"),
            "Has anyone paid yet?",
            SAID);
    assertThat(c.replies())
        .containsExactly("Not yet", "Yes — I'll say how many", "I don't know", "No one has paid");
    assertThat(c.rejected()).isZero();
  }

  @Test
  void aReplyWithANumberOrANameTheFounderNeverGaveIsDropped() {
    QuickReplies.Checked c =
        QuickReplies.check(
            List.of(
                "12 clinics paid a deposit",
                "Twelve clinics paid a deposit",
                "Yes, Dr Patel at Headingley Physio signed",
                "About €200 a month",
                "The 9 practice managers in Leeds",
                "Not yet"),
            "Has anyone paid yet?",
            SAID);
    // the founder's own number and place may be echoed; invented ones may not
    assertThat(c.replies()).containsExactly("The 9 practice managers in Leeds", "Not yet");
    assertThat(c.rejected()).isEqualTo(4);
  }

  @Test
  void whenTooFewRemainSafePositionsFillIn() {
    assertThat(QuickReplies.check(List.of("Yes, 40 of them"), "Did anyone pay?", SAID).replies())
        .containsExactlyElementsOf(QuickReplies.YES_NO);
    assertThat(QuickReplies.check(List.of(), "Who pays today?", SAID).replies())
        .containsExactlyElementsOf(QuickReplies.OPEN);
    assertThat(QuickReplies.check(List.of("not yet", "Not yet"), "Who pays?", SAID).replies())
        .hasSizeBetween(QuickReplies.MIN, QuickReplies.MAX)
        .doesNotHaveDuplicates();
  }

  @Test
  void theSafeRepliesPassTheirOwnRule() {
    for (String r : QuickReplies.YES_NO) {
      assertThat(QuickReplies.check(List.of(r, "x y"), "Has anyone paid?", List.of()).rejected())
          .isZero();
    }
    for (String r : QuickReplies.OPEN) {
      assertThat(QuickReplies.check(List.of(r, "x y"), "Who?", List.of()).rejected()).isZero();
    }
  }

  @Test
  void anAnswerIsAQuickReplyOnlyWhenItIsOneOfTheOfferedRepliesWordForWord() {
    TurnEvaluation e =
        new TurnEvaluation(List.of(), List.of(), List.of("Not yet", "I don't know"), false);
    Turn asked = new Turn(1, "Has anyone paid?", null, e);
    assertThat(asked.withAnswer("Not yet").quickReply()).isTrue();
    assertThat(asked.withAnswer("  Not yet ").quickReply()).isTrue();
    assertThat(asked.withAnswer("Not yet, but 3 clinics asked for a quote").quickReply()).isFalse();
    assertThat(asked.withAnswer("not yet").quickReply()).isFalse();
    assertThat(asked.quickReply()).isFalse();
  }
}
