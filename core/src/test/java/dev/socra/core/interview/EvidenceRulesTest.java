package dev.socra.core.interview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The evidence rules over saved transcripts (src/test/resources/transcripts): each holds an
 * interview, the assessment a model wrote after its last answer, and what must stand after the
 * rules. Good transcripts keep what the model wrote; bad ones are held back.
 */
class EvidenceRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Transcript(String about, Interview interview, Assessment assessment, JsonNode expect) {}

  static Transcript load(String name) throws IOException {
    try (InputStream in =
        EvidenceRulesTest.class.getResourceAsStream("/transcripts/" + name + ".json")) {
      JsonNode root = JSON.readTree(in);
      List<Turn> turns = new ArrayList<>();
      for (JsonNode t : root.path("turns")) {
        turns.add(
            new Turn(
                t.path("number").asInt(),
                t.path("question").asText(),
                t.path("answer").isNull() ? null : t.path("answer").asText(),
                JSON.treeToValue(t.path("evaluation"), TurnEvaluation.class)));
      }
      Interview interview =
          new Interview(
              root.path("idea").asText(), turns, Interview.DEFAULT_MAX_TURNS, false, null);
      // the assessment is read as a model's answer is: through the schema and its rules
      var read = Evaluations.VALIDITY.read(root.path("assessment").toString());
      assertThat(read.errors()).as(name).isEmpty();
      return new Transcript(
          root.path("about").asText(), interview, read.value(), root.path("expect"));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "typed-evidence-raises-scores",
        "inflation-without-a-new-quote",
        "a-clicked-reply-is-no-evidence",
        "claims-alone-cap-at-five",
        "enough-known-needs-evidence",
        "enough-known-with-evidence",
        "assumptions-move-only-with-the-founders-words"
      })
  void whatStandsAfterTheRulesIsWhatTheTranscriptExpects(String name) throws IOException {
    Transcript t = load(name);
    EvidenceRules.Judged j = EvidenceRules.judge(t.interview(), t.assessment());
    var scores = t.expect().path("scores").fields();
    while (scores.hasNext()) {
      var e = scores.next();
      Dimension d = Dimension.valueOf(e.getKey().toUpperCase(Locale.ROOT));
      assertThat(j.scores().get(d.ordinal()).score())
          .as("%s: %s", t.about(), d.id())
          .isEqualTo(e.getValue().asInt());
    }
    List<String> held = new ArrayList<>();
    j.held().forEach(h -> held.add(h.dimension().id() + ": " + h.rule()));
    List<String> expected = new ArrayList<>();
    t.expect()
        .path("held")
        .forEach(h -> expected.add(h.get(0).asText() + ": " + h.get(1).asText()));
    assertThat(held).as(t.about()).containsExactlyElementsOf(expected);
    assertThat(j.enoughKnown()).as(t.about()).isEqualTo(t.expect().path("enoughKnown").asBoolean());
    if (t.expect().has("assumptions")) {
      List<String> statuses = new ArrayList<>();
      t.expect().path("assumptions").forEach(a -> statuses.add(a.asText()));
      assertThat(j.assumptions())
          .extracting(a -> a.status().name().toLowerCase(Locale.ROOT))
          .containsExactlyElementsOf(statuses);
    }
  }

  @Test
  void aScoreHeldBackKeepsItsEarlierReason() throws IOException {
    Transcript t = load("inflation-without-a-new-quote");
    EvidenceRules.Judged j = EvidenceRules.judge(t.interview(), t.assessment());
    assertThat(j.scores().get(Dimension.MARKET.ordinal()).reason())
        .isEqualTo("\"physiotherapy clinics\" — no count");
  }

  @Test
  void theFirstEvaluationMayQuoteTheIdeaAndStartsFromNothing() {
    Interview start =
        Interview.start("Reminders for clinics; owners complain about empty slots", 7);
    List<DimensionScore> scores = new ArrayList<>();
    for (Dimension d : Dimension.values()) {
      scores.add(
          switch (d) {
            case PROBLEM ->
                new DimensionScore(d, "\"owners complain about empty slots\" — claim", 3);
            case MARKET -> new DimensionScore(d, "Clinics are a big market", 4);
            default -> new DimensionScore(d, "no evidence — not discussed", 0);
          });
    }
    Assessment a =
        new Assessment(
            IdeaKind.B2B,
            List.of(),
            scores,
            List.of(new Assumption("x", Dimension.PROBLEM, "", AssumptionStatus.UNTESTED)),
            "x",
            false);
    EvidenceRules.Judged j = EvidenceRules.judge(start, a);
    assertThat(j.scores().get(Dimension.PROBLEM.ordinal()).score()).isEqualTo(3);
    assertThat(j.scores().get(Dimension.MARKET.ordinal()).score()).isZero();
    assertThat(j.scores().get(Dimension.MARKET.ordinal()).reason()).isEqualTo("no evidence yet");
  }

  @Test
  void aQuotationIsFoundWordForWordWhateverCopyingChangedAroundIt() {
    List<String> said = List.of("We lost 14 bookings in March — mostly Mondays, sadly.");
    assertThat(Quotes.verbatimIn("we lost 14 bookings in March", said)).isTrue();
    assertThat(Quotes.verbatimIn("lost 14 bookings … mostly Mondays", said)).isTrue();
    assertThat(Quotes.verbatimIn("March, mostly Mondays", said)).isTrue();
    assertThat(Quotes.verbatimIn("we lost 15 bookings", said)).isFalse();
    assertThat(Quotes.verbatimIn("lost bookings", said)).isFalse();
    assertThat(Quotes.verbatimIn("in Mar", said)).isFalse();
    assertThat(Quotes.leading("“we lost 14 bookings” — a number")).contains("we lost 14 bookings");
    assertThat(Quotes.leading("no evidence — nothing")).isEmpty();
    assertThat(Quotes.hasNumber("a dozen clinics")).isTrue();
    assertThat(Quotes.hasNumber("lots of clinics")).isFalse();
  }
}
