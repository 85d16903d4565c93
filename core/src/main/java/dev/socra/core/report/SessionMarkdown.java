package dev.socra.core.report;

import dev.socra.core.interview.Assumption;
import dev.socra.core.interview.DimensionScore;
import dev.socra.core.interview.TurnEvaluation;
import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.Critique;
import dev.socra.core.pipeline.DeckOutline;
import dev.socra.core.pipeline.Masterplan;
import dev.socra.core.pipeline.Specialist;
import dev.socra.core.pipeline.SpecialistReport;
import dev.socra.core.pipeline.Verdict;
import dev.socra.core.session.Session;
import java.util.List;
import java.util.Locale;

/**
 * The session's outcome as one Markdown document: what `socra ask` writes and the server offers for
 * download. Every piece of text in it (the idea, every model's words) passes {@link MarkdownText}:
 * it cannot carry raw HTML, an image or a script link into the reader's Markdown viewer.
 */
public final class SessionMarkdown {
  private SessionMarkdown() {}

  public static String render(Session s) {
    StringBuilder b = new StringBuilder("# Socra masterplan\n\n");
    b.append("> ").append(md(s.interview().idea()).replace("\n", "\n> ")).append("\n\n");
    TurnEvaluation e = s.interview().latest();
    if (e != null) {
      b.append("## Scores\n\n| dimension | score | why |\n|---|---|---|\n");
      for (DimensionScore d : e.scores()) {
        b.append("| ")
            .append(d.dimension().label())
            .append(" | ")
            .append(d.score())
            .append("/10 | ")
            .append(cell(d.reason()))
            .append(" |\n");
      }
      b.append("\n## Assumptions\n\n");
      for (Assumption a : e.assumptions()) {
        b.append("- **")
            .append(a.status().name().toLowerCase(Locale.ROOT))
            .append("** (")
            .append(a.category().label())
            .append(") ")
            .append(md(a.statement()))
            .append('\n');
      }
      b.append('\n');
    }
    for (Specialist sp : Specialist.values()) {
      SpecialistReport r = s.result(Stage.of(sp), SpecialistReport.class);
      if (r != null) {
        b.append("## ")
            .append(sp.title())
            .append(" (confidence ")
            .append(Math.round(r.confidence() * 100))
            .append("%)\n\n")
            .append(md(r.summary()))
            .append("\n\n");
        list(b, "Findings", r.findings());
        list(b, "Evidence", r.evidence());
        list(b, "Open questions", r.openQuestions());
      }
    }
    Masterplan m = s.result(Stage.SYNTHESIS, Masterplan.class);
    if (m != null) {
      b.append(masterplan(m));
    }
    Critique c = s.result(Stage.DEVILS_ADVOCATE, Critique.class);
    if (c != null) {
      b.append(critique(c));
    }
    Verdict v = s.result(Stage.TRIBUNAL, Verdict.class);
    if (v != null) {
      b.append(verdict(v));
    }
    DeckOutline d = s.result(Stage.DECK, DeckOutline.class);
    if (d != null) {
      b.append(deck(d));
    }
    return b.toString();
  }

  /** The masterplan section on its own. */
  public static String masterplan(Masterplan m) {
    StringBuilder b = new StringBuilder();
    b.append("## Architecture masterplan\n\n")
        .append(md(m.summary()))
        .append("\n\n### Components\n\n");
    m.components()
        .forEach(
            c ->
                b.append("- **")
                    .append(md(c.name()))
                    .append("**: ")
                    .append(md(c.responsibility()))
                    .append('\n'));
    b.append('\n');
    list(b, "Data flows", m.dataFlows());
    b.append("### Data model\n\n");
    m.dataModel()
        .forEach(
            en ->
                b.append("- **")
                    .append(md(en.name()))
                    .append("**: ")
                    .append(md(String.join(", ", en.fields())))
                    .append('\n'));
    b.append("\n### Technology\n\n| area | choice | why |\n|---|---|---|\n");
    m.technology()
        .forEach(
            t ->
                b.append("| ")
                    .append(cell(t.area()))
                    .append(" | ")
                    .append(cell(t.choice()))
                    .append(" | ")
                    .append(cell(t.reason()))
                    .append(" |\n"));
    b.append("\n### Build phases\n\n");
    m.phases()
        .forEach(
            p ->
                b.append("1. **")
                    .append(md(p.name()))
                    .append("** (")
                    .append(p.weeks())
                    .append(" weeks): ")
                    .append(md(p.milestone()))
                    .append(" — ")
                    .append(md(String.join("; ", p.deliverables())))
                    .append('\n'));
    b.append("\n### Infrastructure\n\n")
        .append(md(m.infrastructure().hosting()))
        .append(". Running cost: ")
        .append(md(m.infrastructure().monthlyCostEstimate()))
        .append(".\n\n");
    list(b, "Key metrics", m.keyMetrics());
    return b.toString();
  }

  /** The critique section on its own. */
  public static String critique(Critique c) {
    StringBuilder b = new StringBuilder();
    b.append("## The case against\n\n").append(md(c.strongestCase())).append("\n\n");
    list(b, "Weaknesses", c.weaknesses());
    list(b, "Kill criteria", c.killCriteria());
    return b.toString();
  }

  /** The verdict section on its own. */
  public static String verdict(Verdict v) {
    StringBuilder b = new StringBuilder();
    b.append("## Verdict: ")
        .append(v.decision().name().toLowerCase(Locale.ROOT))
        .append("\n\n| criterion | score | why |\n|---|---|---|\n");
    v.scores()
        .forEach(
            r ->
                b.append("| ")
                    .append(r.criterion().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append(" | ")
                    .append(r.score())
                    .append("/5 | ")
                    .append(cell(r.reason()))
                    .append(" |\n"));
    b.append('\n');
    list(b, "Reasons", v.reasons());
    return b.toString();
  }

  /** The deck section on its own. */
  public static String deck(DeckOutline d) {
    StringBuilder b = new StringBuilder();
    b.append("## Pitch deck outline\n\n");
    int i = 1;
    for (DeckOutline.Slide slide : d.slides()) {
      b.append(i++)
          .append(". **")
          .append(md(slide.title()))
          .append("**: ")
          .append(md(String.join("; ", slide.points())))
          .append('\n');
    }
    b.append('\n');
    return b.toString();
  }

  private static void list(StringBuilder b, String title, List<String> items) {
    b.append("**").append(title).append("**\n\n");
    items.forEach(i -> b.append("- ").append(md(i)).append('\n'));
    b.append('\n');
  }

  private static String md(String s) {
    return MarkdownText.safe(s);
  }

  private static String cell(String s) {
    return md(s).replace("|", "\\|").replace("\n", " ");
  }
}
