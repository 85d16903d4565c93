package dev.socra.core.pipeline;

import jakarta.validation.constraints.NotBlank;

/**
 * A cheap test of the riskiest belief, with the number that decides it.
 *
 * @param passThreshold the result that counts as a pass, as a number: "3 of 10 clinics pay a €50
 *     deposit within 2 weeks"
 */
public record Experiment(
    @NotBlank String hypothesis, @NotBlank String method, @NotBlank String passThreshold) {}
