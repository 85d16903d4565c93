package dev.socra.core.pipeline;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The tribunal's scores on the published rubric (docs/rubric.md), its reasons, the experiments that
 * would settle what is open, and last the decision they lead to. The decision rules are held in
 * code ({@link TribunalRules}). Verdicts saved before experiments existed read an empty list.
 */
public record Verdict(
    @NotNull @Size(min = 5, max = 5) List<RubricScore> scores,
    @NotNull @Size(min = 2, max = 6) List<@NotBlank String> reasons,
    @NotNull @Size(min = 1, max = 4) List<Experiment> experiments,
    @NotNull Decision decision) {

  public Verdict {
    scores = scores == null ? List.of() : List.copyOf(scores);
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
    experiments = experiments == null ? List.of() : List.copyOf(experiments);
  }

  /** The score of one criterion, or 0 when it has none. */
  public int score(Criterion c) {
    return scores.stream()
        .filter(s -> s.criterion() == c)
        .mapToInt(RubricScore::score)
        .findFirst()
        .orElse(0);
  }

  /** One criterion of the rubric: the reason, then the score from 1 to 5. */
  public record RubricScore(
      @NotNull Criterion criterion, @NotBlank String reason, @Min(1) @Max(5) int score) {}
}
