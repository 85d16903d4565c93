package dev.socra.core.pipeline;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The devil's advocate's case against the idea, from the evidence: the weaknesses first, the case
 * they add up to, then what would prove it right.
 */
public record Critique(
    @NotNull @Size(min = 2, max = 8) List<@NotBlank String> weaknesses,
    @NotBlank String strongestCase,
    @NotNull @Size(min = 2, max = 6) List<@NotBlank String> killCriteria) {}
