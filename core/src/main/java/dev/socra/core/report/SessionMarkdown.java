package dev.socra.core.report;

import dev.socra.core.interview.Assumption;
import dev.socra.core.interview.DimensionScore;
import dev.socra.core.interview.TurnEvaluation;
import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.Basis;
import dev.socra.core.pipeline.Critique;
import dev.socra.core.pipeline.Decision;
import dev.socra.core.pipeline.DeckOutline;
import dev.socra.core.pipeline.Experiment;
import dev.socra.core.pipeline.Finding;
import dev.socra.core.pipeline.Masterplan;
import dev.socra.core.pipeline.SizingInput;
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
        b.append(report(r));
      }
    }
    Critique c = s.result(Stage.DEVILS_ADVOCATE, Critique.class);
    if (c != null) {
      b.append(critique(c));
    }
    Verdict v = s.result(Stage.TRIBUNAL, Verdict.class);
    if (v != null) {
      b.append(verdict(v));
    }
    Masterplan m = s.result(Stage.SYNTHESIS, Masterplan.class);
    if (m != null) {
      b.append(masterplan(m, v == null ? null : v.decision()));
    }
    DeckOutline d = s.result(Stage.DECK, DeckOutline.class);
    if (d != null) {
      b.append(deck(d));
    }
    return b.toString();
  }

  /**
   * One specialist's report: each finding marked with what it rests on, general knowledge marked
   * "check this" (the model's memory of the world, not this founder's evidence), the market's
   * bottom-up size with each input's basis.
   */
  public static String report(SpecialistReport r) {
    StringBuilder b = new StringBuilder();
    b.append("## ")
        .append(r.specialist().title())
        .append(" (confidence ")
        .append(Math.round(r.confidence() * 100))
        .append("%)\n\n")
        .append(md(r.summary()))
        .append("\n\n**Findings**\n\n");
    for (Finding f : r.findings()) {
      b.append("- ")
          .append(md(f.claim()))
          .append(' ')
          .append(basis(f.basis(), f.source()))
          .append('\n');
    }
    b.append('\n');
    if (!r.sizing().isEmpty()) {
      b.append("**Market size, bottom-up**\n\n| input | value | basis |\n|---|---|---|\n");
      for (SizingInput i : r.sizing()) {
        b.append("| ")
            .append(cell(i.input()))
            .append(" | ")
            .append(cell(i.value()))
            .append(" | ")
            .append(cell(basis(i.basis(), i.source())))
            .append(" |\n");
      }
      b.append('\n');
    }
    list(b, "Open questions", r.openQuestions());
    return b.toString();
  }

  /** What a finding rests on, as the reader sees it. */
  public static String basis(Basis basis, String source) {
    String from = source == null || source.isBlank() ? "" : source.strip();
    return switch (basis) {
      case FOUNDER -> "*(founder" + (from.isEmpty() ? "" : ", " + from) + ")*";
      case INFERENCE -> "*(inference" + (from.isEmpty() ? "" : " from " + from) + ")*";
      case GENERAL_KNOWLEDGE -> "*(general knowledge — check this)*";
    };
  }

  /** The masterplan section on its own, where the verdict is not at hand. */
  public static String masterplan(Masterplan m) {
    return masterplan(m, null);
  }

  /** The masterplan section on its own, as a verdict shapes it (null when there is none). */
  public static String masterplan(Masterplan m, Decision decision) {
    StringBuilder b = new StringBuilder();
    b.append("## Architecture masterplan\n\n").append(md(m.summary())).append("\n\n");
    if (!m.experiments().isEmpty()) {
      String title =
          decision == null
              ? "### Experiments"
              : decision == Decision.PURSUE ? "### Next checks" : "### Experiments first";
      b.append(title).append("\n\n");
      experiments(b, m.experiments());
    }
    b.append("### Components\n\n");
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
                    .append(r.criterion().id().replace('_', ' '))
                    .append(" | ")
                    .append(r.score())
                    .append("/5 | ")
                    .append(cell(r.reason()))
                    .append(" |\n"));
    b.append('\n');
    list(b, "Reasons", v.reasons());
    if (!v.experiments().isEmpty()) {
      b.append("**Experiments**\n\n");
      experiments(b, v.experiments());
    }
    return b.toString();
  }

  private static void experiments(StringBuilder b, List<Experiment> experiments) {
    b.append("| hypothesis | how | passes when |\n|---|---|---|\n");
    for (Experiment e : experiments) {
      b.append("| ")
          .append(cell(e.hypothesis()))
          .append(" | ")
          .append(cell(e.method()))
          .append(" | ")
          .append(cell(e.passThreshold()))
          .append(" |\n");
    }
    b.append('\n');
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
