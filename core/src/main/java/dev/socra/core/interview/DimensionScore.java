package dev.socra.core.interview;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * A score from 0 (nothing known) to 10 (proven), after its reason: the reason is written first, so
 * the number follows from it rather than the reason from the number.
 *
 * @param reason the founder's exact words in double quotes, then why ({@code "we paid 3 tuners" —
 *     …}), or {@code no evidence — …} (see {@link EvidenceRules})
 */
public record DimensionScore(
    @NotNull Dimension dimension, @NotBlank String reason, @Min(0) @Max(10) int score) {}
