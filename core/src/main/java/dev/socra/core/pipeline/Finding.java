package dev.socra.core.pipeline;

import com.fasterxml.jackson.annotation.JsonCreator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * One thing a specialist found, with what it rests on. The basis comes before the claim, so a model
 * decides what it stands on before it says it.
 *
 * @param source the answer it rests on ({@code A3}, {@code idea}), or "" for general knowledge
 */
public record Finding(@NotNull Basis basis, @NotNull String source, @NotBlank String claim) {

  /** A finding saved before findings had a basis: plain text, whose basis nobody knows. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Finding unlabelled(String claim) {
    return new Finding(Basis.INFERENCE, "", claim);
  }

  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public Finding {}
}
