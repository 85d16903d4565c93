package dev.socra.core.pipeline;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Earlier stages' results as short text for later stages: the later personas need the substance,
 * and a compact text costs a fraction of the JSON. Findings keep their basis, so a later stage can
 * tell the founder's evidence from inference and from general knowledge.
 */
final class Digest {
  private Digest() {}

  /** Every specialist's findings with their basis, sizing and open questions: the evidence. */
  static String findings(Map<Specialist, SpecialistReport> reports) {
    return findings(reports, List.of(Specialist.values()));
  }

  /** The market and economics findings only: what the deck's numbers rest on. */
  static String marketAndEconomics(Map<Specialist, SpecialistReport> reports) {
    return findings(reports, List.of(Specialist.MARKET, Specialist.ECONOMICS));
  }

  private static String findings(
      Map<Specialist, SpecialistReport> reports, List<Specialist> which) {
    StringBuilder b = new StringBuilder();
    for (Specialist s : which) {
      SpecialistReport r = reports.get(s);
      if (r == null) {
        continue;
      }
      b.append("## ")
          .append(s.title())
          .append(" (confidence ")
          .append(r.confidence())
          .append("): ")
          .append(r.summary())
          .append('\n');
      for (Finding f : r.findings()) {
        b.append("- [").append(basis(f.basis(), f.source())).append("] ").append(f.claim());
        b.append('\n');
      }
      if (!r.sizing().isEmpty()) {
        b.append("Market size, bottom-up:\n");
        for (SizingInput i : r.sizing()) {
          b.append("- ")
              .append(i.input())
              .append(": ")
              .append(i.value())
              .append(" [")
              .append(basis(i.basis(), i.source()))
              .append("]\n");
        }
      }
      b.append("Open: ").append(String.join("; ", r.openQuestions())).append('\n');
    }
    return b.toString().strip();
  }

  static String basis(Basis basis, String source) {
    return switch (basis) {
      case FOUNDER -> "founder" + (source.isBlank() ? "" : ", " + source);
      case INFERENCE -> "inference" + (source.isBlank() ? "" : " from " + source);
      case GENERAL_KNOWLEDGE -> "general knowledge, unchecked";
    };
  }

  static String masterplan(Masterplan m) {
    StringBuilder b = new StringBuilder(m.summary()).append('\n');
    if (!m.experiments().isEmpty()) {
      b.append("Experiments: ");
      m.experiments()
          .forEach(
              e ->
                  b.append(e.method())
                      .append(" (passes at ")
                      .append(e.passThreshold())
                      .append("); "));
      b.append('\n');
    }
    b.append("Components: ");
    m.components()
        .forEach(c -> b.append(c.name()).append(" (").append(c.responsibility()).append("); "));
    b.append("\nPhases: ");
    m.phases()
        .forEach(
            p ->
                b.append(p.name())
                    .append(": ")
                    .append(p.milestone())
                    .append(" in ")
                    .append(p.weeks())
                    .append(" weeks; "));
    b.append("\nRunning cost: ").append(m.infrastructure().monthlyCostEstimate());
    b.append("\nKey metrics: ").append(String.join("; ", m.keyMetrics()));
    return b.toString();
  }

  static String critique(Critique c) {
    StringBuilder b = new StringBuilder(c.strongestCase()).append('\n');
    bullets(b, "Weaknesses", c.weaknesses());
    bullets(b, "Kill criteria", c.killCriteria());
    return b.toString().strip();
  }

  static String verdict(Verdict v) {
    StringBuilder b =
        new StringBuilder(v.decision().name().toLowerCase(Locale.ROOT))
            .append(": ")
            .append(String.join("; ", v.reasons()))
            .append("\nScores: ");
    v.scores()
        .forEach(s -> b.append(s.criterion().id()).append(' ').append(s.score()).append("; "));
    if (!v.experiments().isEmpty()) {
      b.append("\nExperiments:\n");
      v.experiments()
          .forEach(
              e ->
                  b.append("- ")
                      .append(e.hypothesis())
                      .append(": ")
                      .append(e.method())
                      .append(" — passes at ")
                      .append(e.passThreshold())
                      .append('\n'));
    }
    return b.toString().strip();
  }

  private static void bullets(StringBuilder b, String title, List<String> items) {
    b.append(title).append(":\n");
    items.forEach(i -> b.append("- ").append(i).append('\n'));
  }
}
