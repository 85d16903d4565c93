package dev.socra.core.interview;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Something the idea rests on.
 *
 * @param category what kind of belief it is: one of the {@link Dimension}s
 * @param movedBy the founder's answer that last changed its status, in their exact words; empty
 *     while untested
 */
public record Assumption(
    @NotBlank String statement,
    @NotNull Dimension category,
    @NotNull String movedBy,
    @NotNull AssumptionStatus status) {}
