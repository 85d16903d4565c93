package dev.socra.core.pipeline;

import dev.socra.core.structured.Validity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What each stage's result must be beyond its schema, and the example its prompt shows. */
final class Checks {
  private Checks() {}

  static Validity<SpecialistReport> report(Specialist expected) {
    return new Validity<>(
        SpecialistReport.class,
        r -> {
          List<String> out = new ArrayList<>();
          if (r.specialist() != expected) {
            out.add("specialist must be " + expected.name().toLowerCase(Locale.ROOT));
          }
          if (expected == Specialist.MARKET && r.sizing().size() < 2) {
            out.add(
                "sizing must build the market bottom-up: at least two inputs (who, how many, what"
                    + " each pays), each with its basis");
          }
          return out;
        },
        Examples.report(expected));
  }

  static final Validity<Critique> CRITIQUE =
      new Validity<>(Critique.class, c -> List.of(), Examples.CRITIQUE);

  static final Validity<Verdict> VERDICT =
      new Validity<>(Verdict.class, TribunalRules::problems, Examples.VERDICT);

  static final Validity<Masterplan> MASTERPLAN =
      new Validity<>(
          Masterplan.class,
          m -> {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < m.experiments().size(); i++) {
              if (!TribunalRules.holdsNumber(m.experiments().get(i).passThreshold())) {
                out.add("experiments[" + i + "].passThreshold must state a number that passes");
              }
            }
            return out;
          },
          Examples.MASTERPLAN);

  static final Validity<DeckOutline> DECK =
      new Validity<>(DeckOutline.class, d -> List.of(), Examples.DECK);

  /**
   * A finding labelled as the founder's whose source names no answer the founder gave is relabelled
   * an inference: only what can be traced to an answer counts as the founder's evidence.
   */
  static SpecialistReport traced(SpecialistReport r, int answers) {
    List<Finding> findings =
        r.findings().stream()
            .map(
                f ->
                    f.basis() == Basis.FOUNDER && !traceable(f.source(), answers)
                        ? new Finding(Basis.INFERENCE, f.source(), f.claim())
                        : f)
            .toList();
    List<SizingInput> sizing =
        r.sizing().stream()
            .map(
                s ->
                    s.basis() == Basis.FOUNDER && !traceable(s.source(), answers)
                        ? new SizingInput(s.input(), Basis.INFERENCE, s.source(), s.value())
                        : s)
            .toList();
    return new SpecialistReport(
        r.specialist(), findings, sizing, r.openQuestions(), r.summary(), r.confidence());
  }

  /** "idea", or "A3" for an answer that exists (several may be named: "A2, A5"). */
  static boolean traceable(String source, int answers) {
    if (source == null || source.isBlank()) {
      return false;
    }
    boolean any = false;
    for (String part : source.split("[,;/&\\s]+(?:and\\s+)?")) {
      String p = part.strip();
      if (p.isEmpty() || p.equalsIgnoreCase("and")) {
        continue;
      }
      if (p.equalsIgnoreCase("idea")) {
        any = true;
        continue;
      }
      if (!p.matches("(?i)A\\d{1,2}")
          || Integer.parseInt(p.substring(1)) < 1
          || Integer.parseInt(p.substring(1)) > answers) {
        return false;
      }
      any = true;
    }
    return any;
  }
}
