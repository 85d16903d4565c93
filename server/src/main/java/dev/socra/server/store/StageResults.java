package dev.socra.server.store;

import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.Critique;
import dev.socra.core.pipeline.DeckOutline;
import dev.socra.core.pipeline.Masterplan;
import dev.socra.core.pipeline.SpecialistReport;
import dev.socra.core.pipeline.Verdict;

/** The record type each pipeline stage's result is stored as. */
final class StageResults {
  private StageResults() {}

  static Class<?> type(Stage stage) {
    if (stage.specialist().isPresent()) {
      return SpecialistReport.class;
    }
    return switch (stage) {
      case SYNTHESIS -> Masterplan.class;
      case DEVILS_ADVOCATE -> Critique.class;
      case TRIBUNAL -> Verdict.class;
      case DECK -> DeckOutline.class;
      default -> throw new IllegalArgumentException("stage " + stage + " has no stored result");
    };
  }
}
