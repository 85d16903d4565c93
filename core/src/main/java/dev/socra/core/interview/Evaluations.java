package dev.socra.core.interview;

import dev.socra.core.structured.Validity;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a valid assessment is, beyond its schema (every dimension scored once), and the example the
 * evaluator's prompt shows in place of the raw schema.
 */
public final class Evaluations {
  /** A filled-in assessment: the shape to follow, with reasons written the way the rules want. */
  static final Assessment EXAMPLE =
      new Assessment(
          IdeaKind.B2B,
          List.of("a lot of clinics"),
          List.of(
              new DimensionScore(
                  Dimension.PROBLEM,
                  "\"we lost 14 bookings in March to no-shows\" — a past cost with a number",
                  7),
              new DimensionScore(
                  Dimension.CUSTOMER,
                  "\"physiotherapy clinics with 2 to 5 therapists\" — a specific segment, claimed",
                  5),
              new DimensionScore(
                  Dimension.MARKET, "\"a lot of clinics\" — a claim with no count", 3),
              new DimensionScore(Dimension.SOLUTION, "no evidence — nothing built or tried yet", 0),
              new DimensionScore(
                  Dimension.BUSINESS_MODEL, "no evidence — price and payer not discussed", 0),
              new DimensionScore(Dimension.UNFAIR_ADVANTAGE, "no evidence — not discussed", 0),
              new DimensionScore(
                  Dimension.FEASIBILITY,
                  "\"I built the booking system at my last job\" — relevant experience, claimed",
                  4),
              new DimensionScore(Dimension.GO_TO_MARKET, "no evidence — not discussed", 0)),
          List.of(
              new Assumption(
                  "Clinics lose enough to no-shows to pay for a fix",
                  Dimension.PROBLEM,
                  "we lost 14 bookings in March to no-shows",
                  AssumptionStatus.SUPPORTED),
              new Assumption(
                  "Clinic owners decide on tools without a head office",
                  Dimension.CUSTOMER,
                  "",
                  AssumptionStatus.UNTESTED)),
          "Clinic owners decide on tools without a head office",
          false);

  public static final Validity<Assessment> VALIDITY =
      new Validity<>(Assessment.class, Evaluations::problems, EXAMPLE);

  private Evaluations() {}

  static List<String> problems(Assessment e) {
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
    return out;
  }
}
