package dev.socra.core.interview;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** A score from 0 (nothing known) to 10 (proven), with the reason in one line. */
public record DimensionScore(
    @NotNull Dimension dimension, @Min(0) @Max(10) int score, @NotBlank String reason) {}
