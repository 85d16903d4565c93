package dev.socra.core.interview;

import dev.socra.core.structured.Validity;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What a valid evaluation is, beyond its schema: every dimension once, distinct quick replies. */
public final class Evaluations {
  public static final Validity<TurnEvaluation> VALIDITY =
      new Validity<>(TurnEvaluation.class, Evaluations::problems);

  private Evaluations() {}

  static List<String> problems(TurnEvaluation e) {
    List<String> out = new ArrayList<>();
    Set<Dimension> seen = EnumSet.noneOf(Dimension.class);
    for (DimensionScore s : e.scores()) {
      if (!seen.add(s.dimension())) {
        out.add("dimension " + s.dimension().name().toLowerCase(Locale.ROOT) + " is scored twice");
      }
    }
    for (Dimension d : Dimension.values()) {
      if (!seen.contains(d)) {
        out.add("dimension " + d.name().toLowerCase(Locale.ROOT) + " has no score");
      }
    }
    Set<String> choices = new HashSet<>();
    for (String c : e.choices()) {
      if (c.isBlank() || !choices.add(c.strip().toLowerCase(Locale.ROOT))) {
        out.add("the quick replies must be distinct and not blank");
        break;
      }
    }
    return out;
  }
}
