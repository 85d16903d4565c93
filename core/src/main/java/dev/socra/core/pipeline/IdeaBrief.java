package dev.socra.core.pipeline;

import dev.socra.core.interview.Assumption;
import dev.socra.core.interview.DimensionScore;
import dev.socra.core.interview.Interview;
import dev.socra.core.interview.Turn;
import dev.socra.core.interview.TurnEvaluation;
import dev.socra.core.persona.FounderText;
import java.util.Locale;

/**
 * What the specialists get instead of the transcript: the idea, each answer (numbered A1, A2…, as
 * findings cite them) under its question, and the latest scores and assumptions. Built once,
 * without a model call; tokens are the product's main cost.
 */
public final class IdeaBrief {
  /**
   * An answer longer than this is cut: the specialists need its substance, not all of it. A
   * founder's most useful answers (the numbers, the story of a customer) run to a paragraph or two.
   */
  static final int ANSWER_CHARS = 1_200;

  private IdeaBrief() {}

  public static String of(Interview interview) {
    StringBuilder b = new StringBuilder();
    b.append("Idea: ").append(interview.idea()).append('\n');
    for (Turn t : interview.turns()) {
      if (t.answer() == null) {
        continue;
      }
      b.append("Q").append(t.number()).append(": ").append(t.question()).append('\n');
      String a = t.answer();
      b.append("A")
          .append(t.number())
          // a clicked reply is a position, not evidence: later stages must be able to tell
          .append(t.quickReply() ? " " + FounderText.CLICKED : "")
          .append(": ")
          .append(a.length() > ANSWER_CHARS ? a.substring(0, ANSWER_CHARS) + "…" : a)
          .append('\n');
    }
    TurnEvaluation e = interview.latest();
    if (e != null) {
      b.append("Scores:");
      for (DimensionScore s : e.scores()) {
        b.append(' ')
            .append(s.dimension().name().toLowerCase(Locale.ROOT))
            .append(' ')
            .append(s.score())
            .append(';');
      }
      b.append("\nAssumptions:\n");
      for (Assumption a : e.assumptions()) {
        b.append("- ")
            .append(a.statement())
            .append(" [")
            .append(a.status().name().toLowerCase(Locale.ROOT))
            .append("]\n");
      }
    }
    return FounderText.wrap(FounderText.BRIEF, b.toString().strip());
  }
}
