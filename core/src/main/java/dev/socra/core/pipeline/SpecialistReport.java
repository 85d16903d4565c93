package dev.socra.core.pipeline;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * One specialist's report: the findings, each with its basis, first; the summary and the
 * confidence, which rest on them, last. Reports saved before findings had a basis read their plain
 * findings as unlabelled inferences, and their separate evidence list is ignored.
 *
 * @param sizing the market bottom-up, one input a line (the market specialist's; empty for the
 *     others)
 * @param confidence 0 to 1: how far the founder's own evidence supports the findings
 */
public record SpecialistReport(
    @NotNull Specialist specialist,
    @NotNull @Size(min = 2, max = 6) List<Finding> findings,
    @NotNull @Size(max = 6) List<SizingInput> sizing,
    @NotNull @Size(min = 1, max = 5) List<@NotBlank String> openQuestions,
    @NotBlank String summary,
    @DecimalMin("0") @DecimalMax("1") double confidence) {

  public SpecialistReport {
    findings = findings == null ? List.of() : List.copyOf(findings);
    sizing = sizing == null ? List.of() : List.copyOf(sizing);
    openQuestions = openQuestions == null ? List.of() : List.copyOf(openQuestions);
  }
}
