package dev.socra.core.interview;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What the evaluator writes after each answer, before the next question is asked: the fields in the
 * order a model should think them through (what kind of idea, what in the last answer was vague,
 * the scores with their reasons, the assumptions, the riskiest of them) and its conclusion, whether
 * enough is known, last. Code then holds the scores to the evidence rules ({@link EvidenceRules})
 * and hands the interviewer its notes ({@link InterviewNotes}).
 *
 * @param vaguePhrases phrases from the last answer (or the idea, before any answer) that need
 *     specifics, in the founder's exact words
 * @param riskiestAssumption the untested belief that would sink the idea if false
 */
public record Assessment(
    @NotNull IdeaKind ideaKind,
    @NotNull @Size(max = 3) List<@NotBlank String> vaguePhrases,
    @NotNull @Size(min = 8, max = 8) List<DimensionScore> scores,
    @NotNull @Size(min = 1, max = 6) List<Assumption> assumptions,
    @NotBlank String riskiestAssumption,
    boolean enoughKnown) {

  public Assessment {
    vaguePhrases = List.copyOf(vaguePhrases);
    scores = List.copyOf(scores);
    assumptions = List.copyOf(assumptions);
  }
}
