package dev.socra.llm.plan;

import java.util.List;

/** A pipeline as the planner sees it: its stages in order, each with its calls' token sizes. */
public record Profile(String name, List<Stage> stages) {
  public Profile {
    stages = List.copyOf(stages);
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a profile needs at least one stage");
    }
  }

  /**
   * Socra's own pipeline with the seed's measured sizes: the conversation's ~16,700 in / 3,500 out
   * over 7 turns, 5 specialists ~24,000 / 3,500 in total, synthesis ~12,700 / 2,500 and the devil's
   * advocate ~2,800 / 600 (56,200 in, 10,100 out a session; the turns are rounded up per call).
   */
  public static Profile socraDefault() {
    return new Profile(
        "Socra's pipeline (the seed's token sizes)",
        List.of(
            new Stage("conversation", 7, 2_386, 500, false),
            new Stage("specialists", 5, 4_800, 700, true),
            new Stage("synthesis", 1, 12_700, 2_500, false),
            new Stage("devil's advocate", 1, 2_800, 600, false)));
  }

  public int calls() {
    return stages.stream().mapToInt(Stage::calls).sum();
  }

  public long inputTokens() {
    return stages.stream().mapToLong(Stage::inputTokens).sum();
  }

  public long outputTokens() {
    return stages.stream().mapToLong(Stage::outputTokens).sum();
  }
}
