package dev.socra.core.pipeline;

import dev.socra.core.structured.Validity;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What each stage's result must be beyond its schema. */
final class Checks {
  private Checks() {}

  static Validity<SpecialistReport> report(Specialist expected) {
    return new Validity<>(
        SpecialistReport.class,
        r ->
            r.specialist() == expected
                ? List.of()
                : List.of(
                    "specialist must be " + expected.name().toLowerCase(java.util.Locale.ROOT)));
  }

  static final Validity<Masterplan> MASTERPLAN = new Validity<>(Masterplan.class, m -> List.of());

  static final Validity<Critique> CRITIQUE = new Validity<>(Critique.class, c -> List.of());

  static final Validity<Verdict> VERDICT =
      new Validity<>(
          Verdict.class,
          v -> {
            List<String> out = new ArrayList<>();
            Set<Criterion> seen = EnumSet.noneOf(Criterion.class);
            v.scores().forEach(s -> seen.add(s.criterion()));
            if (seen.size() != Criterion.values().length) {
              out.add("score each of the five criteria exactly once");
            }
            return out;
          });

  static final Validity<DeckOutline> DECK = new Validity<>(DeckOutline.class, d -> List.of());
}
