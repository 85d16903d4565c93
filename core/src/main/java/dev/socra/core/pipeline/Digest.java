package dev.socra.core.pipeline;

import java.util.List;
import java.util.Map;

/**
 * Earlier stages' results as short text for later stages: the later personas need the substance,
 * and a compact text costs a fraction of the JSON.
 */
final class Digest {
  private Digest() {}

  static String reports(Map<Specialist, SpecialistReport> reports) {
    StringBuilder b = new StringBuilder();
    for (SpecialistReport r : reports.values()) {
      b.append("## ")
          .append(r.specialist().title())
          .append(" (confidence ")
          .append(r.confidence())
          .append(")\n")
          .append(r.summary())
          .append('\n');
      bullets(b, "Findings", r.findings());
      bullets(b, "Open questions", r.openQuestions());
    }
    return b.toString().strip();
  }

  static String findings(Map<Specialist, SpecialistReport> reports) {
    StringBuilder b = new StringBuilder();
    for (SpecialistReport r : reports.values()) {
      b.append("- ").append(r.specialist().title()).append(": ").append(r.summary()).append('\n');
    }
    return b.toString().strip();
  }

  static String masterplan(Masterplan m) {
    StringBuilder b = new StringBuilder(m.summary()).append('\n');
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
    return v.decision().name().toLowerCase(java.util.Locale.ROOT)
        + ": "
        + String.join("; ", v.reasons());
  }

  private static void bullets(StringBuilder b, String title, List<String> items) {
    b.append(title).append(":\n");
    items.forEach(i -> b.append("- ").append(i).append('\n'));
  }
}
