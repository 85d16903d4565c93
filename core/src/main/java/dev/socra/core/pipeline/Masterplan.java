package dev.socra.core.pipeline;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The masterplan the synthesis writes after the verdict, shaped by it: the experiments come first
 * (for a "test" verdict, they are the plan; the architecture serves them), the summary last, as the
 * conclusion of the rest. Plans saved before experiments existed read an empty list.
 */
public record Masterplan(
    @NotNull @Size(min = 1, max = 4) List<Experiment> experiments,
    @NotNull @Size(min = 2, max = 12) List<Component> components,
    @NotNull @Size(min = 1, max = 12) List<@NotBlank String> dataFlows,
    @NotNull @Size(min = 1, max = 12) List<Entity> dataModel,
    @NotNull @Size(min = 1, max = 12) List<TechnologyChoice> technology,
    @NotNull @Size(min = 2, max = 6) List<Phase> phases,
    @NotNull Infrastructure infrastructure,
    @NotNull @Size(min = 2, max = 10) List<@NotBlank String> keyMetrics,
    @NotBlank String summary) {

  public Masterplan {
    experiments = experiments == null ? List.of() : List.copyOf(experiments);
  }

  /** A part of the system and what it is responsible for. */
  public record Component(@NotBlank String name, @NotBlank String responsibility) {}

  /** A stored thing and its main fields. */
  public record Entity(
      @NotBlank String name, @NotNull @Size(min = 1) List<@NotBlank String> fields) {}

  /** A technology and why it was chosen over the alternatives. */
  public record TechnologyChoice(
      @NotBlank String area, @NotBlank String choice, @NotBlank String reason) {}

  /** A build phase ending in a milestone. */
  public record Phase(
      @NotBlank String name,
      @NotBlank String milestone,
      @NotNull @Size(min = 1) List<@NotBlank String> deliverables,
      @jakarta.validation.constraints.Min(1) int weeks) {}

  /** Where it runs and what that costs a month at launch. */
  public record Infrastructure(@NotBlank String hosting, @NotBlank String monthlyCostEstimate) {}
}
