package dev.socra.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.core.interview.Dimension;
import dev.socra.core.pipeline.Criterion;
import dev.socra.core.pipeline.TribunalRules;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The anchors a model is prompted with and the ones the docs show are the same words: a reader of
 * docs/interview.md and docs/rubric.md sees what the evaluator and the tribunal are told.
 */
class DocsTest {
  static final Path DOCS = Path.of("..", "docs");

  @Test
  void theInterviewDocShowsEveryDimensionsAnchors() throws Exception {
    String doc = Files.readString(DOCS.resolve("interview.md"));
    for (Dimension d : Dimension.values()) {
      String row =
          "| `" + d.id() + "` | " + d.definition() + " | " + String.join(" | ", d.anchors()) + " |";
      assertThat(doc).as(d.id()).contains(row);
    }
  }

  @Test
  void theRubricDocShowsEveryCriterionsAnchorsAndTheDecisionRule() throws Exception {
    String doc = Files.readString(DOCS.resolve("rubric.md"));
    for (Criterion c : Criterion.values()) {
      assertThat(doc).contains("| " + c.id() + " | " + String.join(" | ", c.anchors()) + " |");
    }
    assertThat(doc)
        .contains("pursue needs evidence of demand of " + TribunalRules.PURSUE_DEMAND + " or more");
  }

  @Test
  void theRubricDocExplainsEveryDecisionInTheWordsThePagesUse() throws Exception {
    String doc = Files.readString(DOCS.resolve("rubric.md"));
    for (dev.socra.core.pipeline.Decision d : dev.socra.core.pipeline.Decision.values()) {
      String next = d.next();
      assertThat(doc).contains("- **" + d.id() + "**: " + d.meaning() + " Next: " + next);
      assertThat(d.explanation()).isEqualTo(d.label() + ": " + d.meaning() + " Next: " + next);
    }
  }
}
