package dev.socra.core.pipeline;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A pitch-deck outline, slide by slide, in the order of Sequoia's business-plan outline: purpose,
 * problem, solution, why now, market, competition, product, business model, team, financials.
 */
public record DeckOutline(@NotNull @Size(min = 10, max = 12) List<Slide> slides) {

  /** One slide: its title and the points it makes. */
  public record Slide(
      @NotBlank String title, @NotNull @Size(min = 1, max = 5) List<@NotBlank String> points) {}
}
