package dev.socra.core.pipeline;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The tribunal's scores on the published rubric (docs/rubric.md) and its verdict. */
public record Verdict(
    @NotNull @Size(min = 5, max = 5) List<RubricScore> scores,
    @NotNull Decision decision,
    @NotNull @Size(min = 2, max = 6) List<@NotBlank String> reasons) {

  /** One criterion of the rubric, scored 1 to 5. */
  public record RubricScore(
      @NotNull Criterion criterion, @Min(1) @Max(5) int score, @NotBlank String reason) {}
}
