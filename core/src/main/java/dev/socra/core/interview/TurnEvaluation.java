package dev.socra.core.interview;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What the interviewer concludes after an answer: a score for every dimension, the assumptions, and
 * two to four quick replies the founder can pick for the next answer. Never empty: an evaluation
 * without scores or choices is a failure, retried, not shown.
 *
 * @param enoughKnown the interviewer's judgement that the specialists can take it from here
 */
public record TurnEvaluation(
    @NotNull @Size(min = 8, max = 8) List<DimensionScore> scores,
    @NotNull @Size(min = 1, max = 12) List<Assumption> assumptions,
    @NotNull @Size(min = 2, max = 4) List<@NotBlank String> choices,
    boolean enoughKnown) {

  public TurnEvaluation {
    scores = List.copyOf(scores);
    assumptions = List.copyOf(assumptions);
    choices = List.copyOf(choices);
  }
}
