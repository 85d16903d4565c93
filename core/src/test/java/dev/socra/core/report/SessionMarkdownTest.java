package dev.socra.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.core.interview.Interview;
import dev.socra.core.interview.TurnEvaluation;
import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.Basis;
import dev.socra.core.pipeline.Finding;
import dev.socra.core.pipeline.SizingInput;
import dev.socra.core.pipeline.Specialist;
import dev.socra.core.pipeline.SpecialistReport;
import dev.socra.core.pipeline.Verdict;
import dev.socra.core.session.Session;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The document a founder downloads (and the server's masterplan page renders) tells the founder's
 * evidence from inference and from the model's general knowledge, which it asks them to check.
 */
class SessionMarkdownTest {
  /** How the server's database reads stored results: unknown fields are ignored. */
  static final ObjectMapper STORED =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  static Session with(Stage stage, Object result) {
    return Session.start("s", Session.LOCAL, Interview.start("Reminders for physio clinics", 7))
        .withResult(stage, result);
  }

  @Test
  void eachFindingSaysWhatItRestsOnAndGeneralKnowledgeSaysCheckThis() {
    SpecialistReport r =
        new SpecialistReport(
            Specialist.MARKET,
            List.of(
                new Finding(Basis.FOUNDER, "A2", "Two clinics lose ten bookings a month"),
                new Finding(Basis.INFERENCE, "A2, A3", "Reminders alone may not be enough"),
                new Finding(Basis.GENERAL_KNOWLEDGE, "", "Cliniko already sends SMS reminders")),
            List.of(
                new SizingInput("clinics in Leeds", Basis.FOUNDER, "A2", "120"),
                new SizingInput("price a month", Basis.GENERAL_KNOWLEDGE, "", "€40")),
            List.of("Who decides?"),
            "Real pain at two clinics.",
            0.4);
    String md = SessionMarkdown.render(with(Stage.SPECIALIST_MARKET, r));
    assertThat(md)
        .contains("- Two clinics lose ten bookings a month *(founder, A2)*")
        .contains("- Reminders alone may not be enough *(inference from A2, A3)*")
        .contains("- Cliniko already sends SMS reminders *(general knowledge — check this)*")
        .contains("| clinics in Leeds | 120 | *(founder, A2)* |")
        .contains("| price a month | €40 | *(general knowledge — check this)* |");
  }

  @Test
  void resultsSavedInTheirEarlierShapesStillRead() throws Exception {
    SpecialistReport old =
        STORED.readValue(
            """
            {"specialist": "market", "summary": "Promising.", "findings": ["A", "B"],
             "evidence": ["Answer 1: \\"x\\""], "openQuestions": ["Q"], "confidence": 0.5}
            """,
            SpecialistReport.class);
    assertThat(old.findings()).extracting(Finding::basis).containsOnly(Basis.INFERENCE);
    assertThat(old.sizing()).isEmpty();
    Verdict verdict =
        STORED.readValue(
            """
            {"scores": [{"criterion": "economics", "score": 3, "reason": "ok"}],
             "decision": "test", "reasons": ["a", "b"]}
            """,
            Verdict.class);
    assertThat(verdict.experiments()).isEmpty();
    TurnEvaluation turn =
        STORED.readValue(
            """
            {"scores": [{"dimension": "problem", "score": 4, "reason": "said so"}],
             "assumptions": [{"statement": "s", "category": "problem", "status": "untested",
                              "movedBy": ""}],
             "choices": ["12 clinics paid", "Not yet"], "enoughKnown": false}
            """,
            TurnEvaluation.class);
    assertThat(turn.notes()).isNull();
    assertThat(turn.checks()).isNull();
    String md =
        SessionMarkdown.render(
            with(Stage.SPECIALIST_MARKET, old).withResult(Stage.TRIBUNAL, verdict));
    assertThat(md).contains("- A *(inference)*").contains("## Verdict: test");
  }
}
