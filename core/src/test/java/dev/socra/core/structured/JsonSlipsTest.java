package dev.socra.core.structured;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.core.interview.Assessment;
import dev.socra.core.interview.AssumptionStatus;
import dev.socra.core.interview.Dimension;
import dev.socra.core.interview.DimensionScore;
import dev.socra.core.interview.IdeaKind;
import dev.socra.core.pipeline.Basis;
import dev.socra.core.pipeline.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The slips small models make in sound JSON are fixed in code, before any repair call. */
class JsonSlipsTest {
  static final Validity<Assessment> ASSESSMENT = new Validity<>(Assessment.class, a -> List.of());

  /** A small model's assessment: every enum misspelt a different way, numbers as text. */
  static final String SLOPPY =
      """
      {"IdeaKind": "Deep Tech", "vague_phrases": "lots of farms",
       "scores": [
        {"dimension": "Problem", "reason": "no evidence", "score": "3"},
        {"dimension": "customer ", "reason": "no evidence", "score": 2.0},
        {"dimension": "MARKET", "reason": "no evidence", "score": "4/10"},
        {"dimension": "solution", "reason": "no evidence", "score": 1},
        {"dimension": "business model", "reason": "no evidence", "score": 0},
        {"dimension": "unfair-advantage", "reason": "no evidence", "score": 0},
        {"dimension": "feasability", "reason": "no evidence", "score": 0},
        {"dimension": "Go-To-Market", "reason": "no evidence", "score": 0}],
       "assumptions": [{"statement": "Farms pay", "category": "Business_Model",
                        "movedBy": "", "status": "Untested"}],
       "riskiestAssumption": "Farms pay", "enough_known": "false"}
      """;

  @Test
  void enumSpellingCaseSpacesHyphensAndNearMissesAreFixedInCode() {
    Validity.Result<Assessment> r = ASSESSMENT.read(SLOPPY);
    assertThat(r.errors()).isEmpty();
    Assessment a = r.value();
    assertThat(a.ideaKind()).isEqualTo(IdeaKind.DEEP_TECH);
    assertThat(a.scores())
        .extracting(DimensionScore::dimension)
        .containsExactly(Dimension.values());
    assertThat(a.scores()).extracting(DimensionScore::score).startsWith(3, 2, 4, 1);
    assertThat(a.assumptions().getFirst().category()).isEqualTo(Dimension.BUSINESS_MODEL);
    assertThat(a.assumptions().getFirst().status()).isEqualTo(AssumptionStatus.UNTESTED);
    assertThat(a.vaguePhrases()).containsExactly("lots of farms");
    assertThat(a.enoughKnown()).isFalse();
  }

  @Test
  void aValueTooFarFromAnyEnumIsLeftForTheSchemaToReport() {
    String wrong = SLOPPY.replace("\"Deep Tech\"", "\"biology\"");
    assertThat(ASSESSMENT.read(wrong).errors()).anyMatch(e -> e.contains("ideaKind"));
    // one letter off is fixed
    assertThat(
            new Validity<>(Finding.class, f -> List.of())
                .read("{\"basis\": \"inferance\", \"source\": \"\", \"claim\": \"x\"}")
                .value()
                .basis())
        .isEqualTo(Basis.INFERENCE);
  }

  @Test
  void aScoreThatIsNotAWholeNumberIsNotRounded() {
    String half = SLOPPY.replace("\"score\": \"3\"", "\"score\": 3.5");
    assertThat(ASSESSMENT.read(half).errors()).isNotEmpty();
  }

  @Test
  void nearMissesNeedAWordLongEnoughToTellThemApart() {
    assertThat(JsonSlips.distance("feasability", "feasibility")).isEqualTo(1);
    assertThat(JsonSlips.distance("test", "text")).isEqualTo(1);
    // two letters swapped in a seven-letter word is still a near miss
    String verdict = "{\"basis\": \"fuonder\", \"source\": \"A1\", \"claim\": \"They paid\"}";
    assertThat(new Validity<>(Finding.class, f -> List.of()).read(verdict).value().basis())
        .isEqualTo(Basis.FOUNDER);
  }
}
