package dev.socra.core.pipeline;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * One specialist's report.
 *
 * @param evidence what in the interview supports the findings, quoted or paraphrased
 * @param confidence 0 to 1: how far the interview supports the findings
 */
public record SpecialistReport(
    @NotNull Specialist specialist,
    @NotBlank String summary,
    @NotNull @Size(min = 2, max = 8) List<@NotBlank String> findings,
    @NotNull @Size(min = 1, max = 8) List<@NotBlank String> evidence,
    @NotNull @Size(min = 1, max = 6) List<@NotBlank String> openQuestions,
    @DecimalMin("0") @DecimalMax("1") double confidence) {}
