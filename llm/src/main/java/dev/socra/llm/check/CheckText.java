package dev.socra.llm.check;

import java.util.List;

/** {@code socra check}'s report as text: per target its findings, then what Socra will do. */
public final class CheckText {
  private CheckText() {}

  public static String render(List<TargetReport> reports) {
    StringBuilder s = new StringBuilder();
    for (TargetReport r : reports) {
      s.append(r.target()).append("  [").append(r.where()).append("]\n");
      for (Finding f : r.findings()) {
        s.append("  ")
            .append(pad(f.what(), 12))
            .append(pad(mark(f.status()), 9))
            .append(f.detail())
            .append('\n');
      }
      s.append("  ").append(pad("verdict", 12)).append(r.works() ? "works" : "does not work");
      s.append("  (").append(r.tokens()).append(" tokens spent)\n\n");
    }
    List<String> plans =
        reports.stream()
            .flatMap(r -> r.consequences().stream().map(c -> r.target() + ": Socra " + c))
            .toList();
    if (!plans.isEmpty()) {
      s.append("What Socra will do:\n");
      plans.forEach(p -> s.append("  ").append(p).append('\n'));
    }
    long working = reports.stream().filter(TargetReport::works).count();
    s.append(working)
        .append(" of ")
        .append(reports.size())
        .append(reports.size() == 1 ? " target works" : " targets work")
        .append("; ")
        .append(reports.stream().mapToLong(TargetReport::tokens).sum())
        .append(" tokens spent in all.\n");
    return s.toString();
  }

  private static String mark(Finding.Status status) {
    return switch (status) {
      case OK -> "ok";
      case FALLBACK -> "fallback";
      case FAILED -> "FAILED";
      case SKIPPED -> "-";
    };
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
  }
}
