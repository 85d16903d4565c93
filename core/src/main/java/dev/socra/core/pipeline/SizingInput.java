package dev.socra.core.pipeline;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * One input of a bottom-up market size (how many customers, what each pays, how often), with where
 * it comes from: a size built from the founder's numbers reads differently from one built from a
 * report the model remembers.
 */
public record SizingInput(
    @NotBlank String input, @NotNull Basis basis, @NotNull String source, @NotBlank String value) {}
