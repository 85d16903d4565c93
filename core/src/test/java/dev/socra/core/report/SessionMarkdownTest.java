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

  static Session demoSession(List<String> answers) {
    return dev.socra.core.stub.DemoSessions.run(PHYSIO, answers);
  }

  static final String PHYSIO =
      "A marketplace that lets independent physiotherapists rent treatment rooms by the hour from"
          + " clinics with spare capacity. We take a 15% booking fee from each booking.";

  @Test
  void theDownloadOpensWithTheVerdictThenSaysItWasWrittenInDemoMode() {
    Session s = demoSession(List.of("idk", "no", "asdf"));
    Verdict v = s.result(Stage.TRIBUNAL, Verdict.class);
    List<String> paragraphs =
        List.of(SessionMarkdown.render(s).split("\n\n")).stream()
            .filter(p -> !p.isBlank())
            .toList();
    assertThat(paragraphs.get(0))
        .isEqualTo("# Socra masterplan: Marketplace for independent physiotherapists");
    assertThat(paragraphs.get(1))
        .isEqualTo("**Verdict: " + v.decision().label() + ".** " + v.reasons().getFirst());
    assertThat(paragraphs.get(2))
        .startsWith("*" + v.decision().label() + " means " + v.decision().meaning());
    assertThat(paragraphs.get(3))
        .startsWith("> **Written in demo mode.**")
        .contains("No AI model wrote this session")
        .contains(SessionMarkdown.REAL_MODEL_ADDS);
  }

  @Test
  void theDownloadKeepsTheTranscriptWithWhatEachAnswerMoved() {
    Session s = demoSession(List.of("idk", "I spoke to 12 independent physiotherapists in Leeds."));
    String md = SessionMarkdown.render(s);
    assertThat(md).contains("## Transcript");
    for (var t : s.interview().turns()) {
      assertThat(md)
          .contains("**Q" + t.number() + ".** " + t.question())
          .contains("> " + t.answer());
    }
    int before =
        s.interview()
            .turns()
            .getFirst()
            .evaluation()
            .score(dev.socra.core.interview.Dimension.PROBLEM);
    assertThat(md).contains("- Problem " + before + " → " + (before - 1));
    assertThat(md).containsPattern("- Problem \\d+ → 7\n");
    assertThat(md).contains("untested → supported");
    // every assumption is listed, with the answer that moved it
    for (var a : s.interview().latest().assumptions()) {
      assertThat(md).contains(a.statement());
    }
    assertThat(md).contains("— moved by “I spoke to 12 independent physiotherapists in Leeds.”");
  }

  @Test
  void answersSetAsideByGoingBackAreKeptBelowTheTranscript() {
    Session s = demoSession(List.of("idk", "I spoke to 12 independent physiotherapists in Leeds."));
    var iv = s.interview().revised(1, "Three clinics in Leeds rent rooms to me already.");
    String md = SessionMarkdown.render(s.withInterview(iv));
    String transcript =
        md.substring(md.indexOf("## Transcript"), md.indexOf("### Answers set aside"));
    String setAside = md.substring(md.indexOf("### Answers set aside"));
    assertThat(transcript).contains("> Three clinics in Leeds rent rooms to me already.");
    assertThat(transcript).doesNotContain("> idk");
    assertThat(setAside)
        .contains("*Went back to question 1 (the first time):*")
        .contains("> idk")
        .contains("> I spoke to 12 independent physiotherapists in Leeds.");
  }

  @Test
  void aSessionNoStubServedSaysNothingOfDemoMode() {
    Session real =
        with(Stage.SPECIALIST_MARKET, report())
            .withUsage(
                new dev.socra.core.session.StageUsage(
                    Stage.SPECIALIST_MARKET,
                    1,
                    100,
                    50,
                    false,
                    java.math.BigDecimal.ONE,
                    List.of("anthropic/claude-haiku-4-5"),
                    false));
    assertThat(real.demo()).isFalse();
    assertThat(SessionMarkdown.render(real)).doesNotContain("demo mode");
    Session mixed =
        real.withUsage(
            new dev.socra.core.session.StageUsage(
                Stage.DECK,
                1,
                10,
                10,
                false,
                java.math.BigDecimal.ZERO,
                List.of("stub/socra-demo"),
                true));
    assertThat(mixed.demo()).isTrue();
    assertThat(mixed.demoOnly()).isFalse();
    assertThat(mixed.demoStages()).containsExactly(Stage.DECK);
    assertThat(SessionMarkdown.render(mixed))
        .contains("> **Partly written in demo mode.**")
        .contains("wrote Pitch deck");
  }

  @Test
  void aSessionWithoutAVerdictSaysSoFirst() {
    assertThat(SessionMarkdown.render(with(Stage.SPECIALIST_MARKET, report())))
        .startsWith(
            "# Socra masterplan: Reminders for physio clinics\n\n**Verdict: not reached yet.**");
  }

  @Test
  void theFileIsNamedAfterTheIdeaAndTheDate() {
    Session s = with(Stage.SPECIALIST_MARKET, report());
    assertThat(SessionMarkdown.fileName(s, java.time.LocalDate.of(2026, 12, 3)))
        .isEqualTo("socra-reminders-for-physio-clinics-2026-12-03.md");
    java.time.Clock clock =
        java.time.Clock.fixed(
            java.time.Instant.parse("2027-01-31T23:30:00Z"), java.time.ZoneId.of("Europe/Berlin"));
    assertThat(SessionMarkdown.fileName(s, clock))
        .isEqualTo("socra-reminders-for-physio-clinics-2027-02-01.md");
    Session japanese = Session.start("j", Session.LOCAL, Interview.start("東京の小さなカフェ向けの予約アプリ", 7));
    assertThat(SessionMarkdown.fileName(japanese, java.time.LocalDate.of(2026, 12, 3)))
        .isEqualTo("socra-idea-2026-12-03.md");
  }

  @Test
  void deckPointsAreListedUnderTheirSlideAndSentencesEndOnce() {
    String deck =
        SessionMarkdown.deck(
            new dev.socra.core.pipeline.DeckOutline(
                List.of(
                    new dev.socra.core.pipeline.DeckOutline.Slide(
                        "Problem", List.of("Clinics lose bookings.", "They call by hand")))));
    assertThat(deck)
        .contains("1. **Problem**\n   - Clinics lose bookings.\n   - They call by hand\n")
        .doesNotContain(".;");
    assertThat(SessionMarkdown.sentence("payment fees come on top of revenue."))
        .isEqualTo("payment fees come on top of revenue.");
    assertThat(SessionMarkdown.sentence("payment fees come on top")).endsWith("top.");
  }

  private static SpecialistReport report() {
    return new SpecialistReport(
        Specialist.MARKET,
        List.of(
            new Finding(Basis.FOUNDER, "idea", "Clinics lose bookings"),
            new Finding(Basis.INFERENCE, "idea", "Reminders may help")),
        List.of(),
        List.of("Who decides?"),
        "Real pain.",
        0.4);
  }
}
