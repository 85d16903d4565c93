package dev.socra.core.structured;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socra.core.interview.Assessment;
import dev.socra.core.interview.Assumption;
import dev.socra.core.interview.DimensionScore;
import dev.socra.core.pipeline.Critique;
import dev.socra.core.pipeline.DeckOutline;
import dev.socra.core.pipeline.Experiment;
import dev.socra.core.pipeline.Finding;
import dev.socra.core.pipeline.Masterplan;
import dev.socra.core.pipeline.SizingInput;
import dev.socra.core.pipeline.SpecialistReport;
import dev.socra.core.pipeline.Verdict;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * A model writes a JSON object in its schema's order, so the schema keeps the record's: reasons
 * before the numbers they justify, the conclusion (decision, enoughKnown, summary) after what it
 * rests on. Alphabetical order would have put {@code decision} before the scores.
 */
class SchemaOrderTest {
  /** Every record a model is asked to fill, nested ones included. */
  static final List<Class<?>> RECORDS =
      List.of(
          Assessment.class,
          DimensionScore.class,
          Assumption.class,
          SpecialistReport.class,
          Finding.class,
          SizingInput.class,
          Critique.class,
          Verdict.class,
          Verdict.RubricScore.class,
          Experiment.class,
          Masterplan.class,
          Masterplan.Component.class,
          Masterplan.Entity.class,
          Masterplan.TechnologyChoice.class,
          Masterplan.Phase.class,
          Masterplan.Infrastructure.class,
          DeckOutline.class,
          DeckOutline.Slide.class);

  @ParameterizedTest
  @FieldSource("RECORDS")
  void everySchemaListsItsPropertiesInTheRecordsOrder(Class<?> type) {
    List<String> declared =
        Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    assertThat(names(Schemas.of(type).path("properties"))).containsExactlyElementsOf(declared);
    // and wherever it is nested in another record's schema, in its $defs
    for (Class<?> outer : RECORDS) {
      JsonNode def = Schemas.of(outer).path("$defs").path(type.getSimpleName());
      if (!def.isMissingNode()) {
        assertThat(names(def.path("properties")))
            .as("%s inside %s", type.getSimpleName(), outer.getSimpleName())
            .containsExactlyElementsOf(declared);
      }
    }
  }

  @ParameterizedTest
  @FieldSource("RECORDS")
  void theExampleAModelIsShownFollowsTheSameOrder(Class<?> type) {
    Validity<?> validity = new Validity<>(type, x -> List.of());
    String example = validity.exampleJson();
    int at = -1;
    for (RecordComponent c : type.getRecordComponents()) {
      int next = example.indexOf("\"" + c.getName() + "\"");
      assertThat(next).as(c.getName()).isGreaterThan(at);
      at = next;
    }
  }

  @org.junit.jupiter.api.Test
  void reasonsComeBeforeScoresAndConclusionsLast() {
    assertThat(names(Schemas.of(DimensionScore.class).path("properties")))
        .containsSubsequence("reason", "score");
    assertThat(names(Schemas.of(Verdict.RubricScore.class).path("properties")))
        .containsSubsequence("reason", "score");
    assertThat(names(Schemas.of(Assessment.class).path("properties")))
        .containsSubsequence("scores", "assumptions", "riskiestAssumption", "enoughKnown")
        .endsWith("enoughKnown");
    assertThat(names(Schemas.of(Verdict.class).path("properties")))
        .containsSubsequence("scores", "reasons", "experiments", "decision")
        .endsWith("decision");
    assertThat(names(Schemas.of(SpecialistReport.class).path("properties")))
        .containsSubsequence("findings", "summary", "confidence")
        .endsWith("confidence");
    assertThat(names(Schemas.of(Finding.class).path("properties")))
        .containsExactly("basis", "source", "claim");
    assertThat(names(Schemas.of(Masterplan.class).path("properties")))
        .startsWith("experiments")
        .endsWith("summary");
    assertThat(names(Schemas.of(Critique.class).path("properties")))
        .containsExactly("weaknesses", "strongestCase", "killCriteria");
  }

  private static List<String> names(JsonNode properties) {
    List<String> out = new ArrayList<>();
    properties.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
