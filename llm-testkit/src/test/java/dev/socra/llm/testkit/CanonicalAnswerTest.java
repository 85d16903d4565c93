package dev.socra.llm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanonicalAnswerTest {

  @Test
  void hasExactlyTheAskedNumberOfTokens() {
    String answer = FakeProvider.canonicalAnswer("How big is the market?", 40);

    assertThat(answer.split(" ", -1)).hasSize(40).allSatisfy(w -> assertThat(w).isNotBlank());
    assertThat(Answers.tokens(answer)).hasSize(40);
    assertThat(answer).doesNotEndWith(" ");
  }

  @Test
  void dependsOnlyOnTheMessage() {
    assertThat(FakeProvider.canonicalAnswer("same", 12))
        .isEqualTo(FakeProvider.canonicalAnswer("same", 12))
        .isNotEqualTo(FakeProvider.canonicalAnswer("different", 12));
    assertThat(FakeProvider.canonicalAnswer("same", 12))
        .startsWith(FakeProvider.canonicalAnswer("same", 5));
  }

  @Test
  void zeroTokensIsEmpty() {
    assertThat(FakeProvider.canonicalAnswer("anything", 0)).isEmpty();
  }

  @Test
  void twoServersAndModelsGiveTheSameAnswer() throws Exception {
    try (FakeProvider a = FakeProvider.start(0);
        FakeProvider b = FakeProvider.start(0)) {
      String fromA =
          Wire.json(new Wire(a).openAi(Wire.openAiBody("gpt-4o", false, "q")))
              .path("choices")
              .get(0)
              .path("message")
              .path("content")
              .asText();
      String fromB =
          Wire.json(new Wire(b).anthropic(Wire.anthropicBody("claude", false, "q")))
              .path("content")
              .get(0)
              .path("text")
              .asText();

      assertThat(fromA).isEqualTo(fromB).isEqualTo(FakeProvider.canonicalAnswer("q", 12));
    }
  }

  @Test
  void tokensKeepTheTextIntactWhateverItsSpacing() {
    for (String text : new String[] {"", " ", "a", "a b", " a  b ", "rd market\n\nx"}) {
      assertThat(String.join("", Answers.tokens(text))).isEqualTo(text);
    }
    assertThat(Answers.tokens("rd market risk")).containsExactly("rd ", "market ", "risk");
  }
}
