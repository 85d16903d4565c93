package dev.socra.core.interview;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A count written out in words is a count: "twelve clinics" says as much as "12 clinics". */
class CountWordsTest {
  @Test
  void writtenOutCountsAreCountsInAnyCase() {
    for (String word :
        List.of(
            "two", "Twelve", "NINETY", "hundreds", "thousand", "millions", "billion", "dozen")) {
      assertThat(CountWords.contains(word)).as(word).isTrue();
    }
    assertThat(CountWords.contains("half")).isTrue();
  }

  @Test
  void oneAndWordsOfAmountWithoutANumberAreNoCount() {
    for (String word :
        List.of("one", "lots", "many", "some", "several", "clinics", "", "twelves")) {
      assertThat(CountWords.contains(word)).as(word).isFalse();
    }
    assertThat(CountWords.contains(null)).isFalse();
  }

  @Test
  void aQuotationSayingOneOrNoneStillHoldsANumberThoughNoOneIsAPosition() {
    assertThat(Quotes.hasNumber("Twelve clinics asked")).isTrue();
    assertThat(Quotes.hasNumber("one clinic asked")).isTrue();
    assertThat(Quotes.hasNumber("none of them paid")).isTrue();
    assertThat(
            QuickReplies.problems("No one has paid", "", Set.of()).stream()
                .anyMatch(p -> p.startsWith("a number")))
        .isFalse();
    assertThat(QuickReplies.problems("A billion people want it", "", Set.of()))
        .contains("a number the founder never gave: billion");
  }
}
