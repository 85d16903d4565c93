package dev.socra.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.core.pipeline.Verdict.RubricScore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tribunal's decision rules, held in code whatever the model decided. */
class TribunalRulesTest {
  static Verdict verdict(Decision decision, int demand, String threshold) {
    List<RubricScore> scores = new ArrayList<>();
    for (Criterion c : Criterion.values()) {
      scores.add(new RubricScore(c, "why", c == Criterion.EVIDENCE_OF_DEMAND ? demand : 4));
    }
    return new Verdict(
        scores,
        List.of("reason one", "reason two"),
        List.of(new Experiment("They pay", "Ask ten clinics for a deposit", threshold)),
        decision);
  }

  @Test
  void pursueWithoutEvidenceOfDemandBecomesATestAndSaysWhy() {
    Verdict v = TribunalRules.enforce(verdict(Decision.PURSUE, 1, "3 of 10 pay"));
    assertThat(v.decision()).isEqualTo(Decision.TEST);
    assertThat(v.reasons().getLast())
        .contains("Changed from pursue to test")
        .contains("evidence of demand scored 1");
    assertThat(v.experiments()).hasSize(1);
  }

  @Test
  void pursueWithEvidenceOfDemandStandsAndOtherDecisionsAreLeftAlone() {
    Verdict pursue = verdict(Decision.PURSUE, 4, "3 of 10 pay");
    assertThat(TribunalRules.enforce(pursue)).isEqualTo(pursue);
    for (Decision d : List.of(Decision.TEST, Decision.PIVOT, Decision.DROP)) {
      Verdict v = verdict(d, 1, "3 of 10 pay");
      assertThat(TribunalRules.enforce(v)).isEqualTo(v);
    }
  }

  @Test
  void anExperimentWithoutANumberToPassIsSentBackForRepair() {
    assertThat(TribunalRules.problems(verdict(Decision.TEST, 2, "clinics seem keen")))
        .singleElement()
        .asString()
        .contains("passThreshold");
    assertThat(TribunalRules.problems(verdict(Decision.TEST, 2, "three of ten clinics pay")))
        .isEmpty();
    assertThat(Checks.VERDICT.read(json(verdict(Decision.TEST, 2, "soon"))).valid()).isFalse();
  }

  @Test
  void theTribunalsPromptCarriesTheRubricsAnchors() {
    String system = new dev.socra.core.persona.Prompts("default").tribunal("b", "f", "c").system();
    for (Criterion c : Criterion.values()) {
      for (String anchor : c.anchors()) {
        assertThat(system).contains(anchor);
      }
    }
    assertThat(system).contains("pursue only when evidence_of_demand is 4 or more");
  }

  @Test
  void eachStagesExamplePassesItsOwnRules() {
    for (Specialist s : Specialist.values()) {
      assertThat(Checks.report(s).read(Checks.report(s).exampleJson()).errors()).isEmpty();
    }
    assertThat(Checks.VERDICT.read(Checks.VERDICT.exampleJson()).errors()).isEmpty();
    assertThat(Checks.CRITIQUE.read(Checks.CRITIQUE.exampleJson()).errors()).isEmpty();
    assertThat(Checks.MASTERPLAN.read(Checks.MASTERPLAN.exampleJson()).errors()).isEmpty();
    assertThat(Checks.DECK.read(Checks.DECK.exampleJson()).errors()).isEmpty();
    var eval = dev.socra.core.interview.Evaluations.VALIDITY;
    assertThat(eval.read(eval.exampleJson()).errors()).isEmpty();
  }

  private static String json(Object value) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
