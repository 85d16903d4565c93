package dev.socra.core.report;

import dev.socra.core.idea.IdeaName;
import dev.socra.core.interview.Assumption;
import dev.socra.core.interview.DimensionScore;
import dev.socra.core.interview.Transcript;
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
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The session as one Markdown document: what `socra ask` writes, what the web page offers as a
 * download and what the server's masterplan page renders. It opens with the verdict (the decision
 * and its one-line reason, and what the decision means), says plainly when Socra's demo stub wrote
 * it, then keeps the record: the scores, every assumption, the transcript (each question, the
 * answer, and what it moved), the specialists, the case against, the verdict in full, the
 * masterplan and the deck. Every piece of text in it (the idea, every model's words) passes {@link
 * MarkdownText}: it cannot carry raw HTML, an image or a script link into the reader's viewer.
 */
public final class SessionMarkdown {
  private SessionMarkdown() {}

  /** What a real model adds, said wherever demo mode is. */
  public static final String REAL_MODEL_ADDS =
      "With a provider key set, a real model asks follow-up questions about what you actually"
          + " said, weighs each answer as evidence, knows your market and competitors, and writes"
          + " a plan for this idea.";

  public static String render(Session s) {
    IdeaName name = IdeaName.of(s.interview().idea());
    StringBuilder b =
        new StringBuilder("# Socra masterplan: ").append(md(name.title())).append("\n\n");
    Verdict v = s.result(Stage.TRIBUNAL, Verdict.class);
    b.append(headline(v));
    if (s.demo()) {
      b.append(demoNotice(s));
    }
    b.append("**The idea**\n\n").append(quoted(s.interview().idea())).append("\n\n");
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
            .append(md(a.statement()));
        if (a.movedBy() != null && !a.movedBy().isBlank()) {
          b.append(" — moved by “").append(oneLine(a.movedBy())).append("”");
        }
        b.append('\n');
      }
      b.append('\n');
    }
    b.append(transcript(Transcript.of(s.interview())));
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
   * The download's file name: {@code socra-physio-rooms-2026-12-03.md}, from the idea's short name
   * (ASCII, lower case, hyphens, at most five words) and the date given (the session's creation or
   * completion, as the caller knows it).
   */
  public static String fileName(Session s, LocalDate date) {
    return "socra-" + IdeaName.of(s.interview().idea()).slug() + "-" + date + ".md";
  }

  /** {@link #fileName(Session, LocalDate)} with today's date on {@code clock}. */
  public static String fileName(Session s, Clock clock) {
    return fileName(s, LocalDate.now(clock));
  }

  /** The verdict first: the decision, its one-line reason, and what the decision means. */
  static String headline(Verdict v) {
    if (v == null) {
      return "**Verdict: not reached yet.** The tribunal gives it once the specialists have"
          + " reported.\n\n";
    }
    StringBuilder b = new StringBuilder("**Verdict: ").append(v.decision().label()).append(".** ");
    if (!v.reasons().isEmpty()) {
      b.append(oneLine(v.reasons().getFirst()));
    }
    b.append("\n\n*")
        .append(v.decision().label())
        .append(" means ")
        .append(v.decision().meaning())
        .append(" Next: ")
        .append(v.decision().next())
        .append("*\n\n");
    return b.toString();
  }

  /** The plain statement that Socra's demo stub, not a model, wrote this (or part of it). */
  static String demoNotice(Session s) {
    if (s.demoOnly()) {
      return "> **Written in demo mode.** No AI model wrote this session: Socra's built-in demo"
          + " played every part from fixed lines and your own words, so it shows how a session"
          + " works rather than judging your idea. "
          + REAL_MODEL_ADDS
          + "\n\n";
    }
    return "> **Partly written in demo mode.** Socra's built-in demo, not an AI model, wrote "
        + String.join(", ", s.demoStages().stream().map(Stage::label).toList())
        + ": those parts come from fixed lines and your own words. "
        + REAL_MODEL_ADDS
        + "\n\n";
  }

  /**
   * The interview as it happened: each question, the answer, and what the answer moved (the scores
   * that changed, the assumptions whose status changed).
   */
  public static String transcript(Transcript t) {
    if (t.entries().isEmpty() && t.setAside().isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("## Transcript\n\n");
    List<String> start =
        t.start().stream()
            .filter(d -> d.score() > 0)
            .map(d -> d.dimension().label() + " " + d.score())
            .toList();
    if (!start.isEmpty()) {
      b.append("Before the first question, the idea alone scored ")
          .append(String.join(", ", start))
          .append(".\n\n");
    }
    for (Transcript.Entry e : t.entries()) {
      entry(b, e);
    }
    if (!t.setAside().isEmpty()) {
      b.append("### Answers set aside\n\n")
          .append("Each time you went back to an earlier question, the answers from there on were")
          .append(" set aside and the interview continued from that question. They are kept here;")
          .append(" the scores and the plan stand on the answers above.\n\n");
      for (Transcript.SetAside a : t.setAside()) {
        b.append("*Went back to question ")
            .append(a.reopened())
            .append(a.revision() == 1 ? " (the first time):*" : " (time " + a.revision() + "):*")
            .append("\n\n");
        for (Transcript.Entry e : a.entries()) {
          entry(b, e);
        }
      }
    }
    return b.toString();
  }

  /** One question, its answer, and what the answer moved. */
  private static void entry(StringBuilder b, Transcript.Entry e) {
    b.append("**Q").append(e.number()).append(".** ").append(oneLine(e.question())).append("\n\n");
    if (e.answer() == null) {
      b.append("*(not answered)*\n\n");
      return;
    }
    b.append(quoted(e.answer()));
    if (e.quickReply()) {
      b.append(" *(clicked quick reply)*");
    }
    b.append("\n\n");
    if (!e.evaluated()) {
      return;
    }
    if (e.movedNothing()) {
      b.append("Moved nothing.\n\n");
      return;
    }
    for (Transcript.ScoreChange c : e.scores()) {
      b.append("- ")
          .append(c.dimension().label())
          .append(' ')
          .append(c.from())
          .append(" → ")
          .append(c.to())
          .append('\n');
    }
    for (Transcript.AssumptionChange c : e.assumptions()) {
      b.append("- Assumption ")
          .append(c.from().name().toLowerCase(Locale.ROOT))
          .append(" → ")
          .append(c.to().name().toLowerCase(Locale.ROOT))
          .append(": ")
          .append(md(c.statement()))
          .append('\n');
    }
    b.append('\n');
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
    int[] n = {1};
    m.phases()
        .forEach(
            p ->
                b.append(n[0]++)
                    .append(". **")
                    .append(md(p.name()))
                    .append("** (")
                    .append(p.weeks())
                    .append(" weeks): ")
                    .append(md(p.milestone()))
                    .append(" — ")
                    .append(md(String.join("; ", p.deliverables())))
                    .append('\n'));
    b.append("\n### Infrastructure\n\n")
        .append(sentence(m.infrastructure().hosting()))
        .append(" Running cost: ")
        .append(sentence(m.infrastructure().monthlyCostEstimate()))
        .append("\n\n");
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

  /** The deck section on its own: each slide with its points beneath it. */
  public static String deck(DeckOutline d) {
    StringBuilder b = new StringBuilder();
    b.append("## Pitch deck outline\n\n");
    int i = 1;
    for (DeckOutline.Slide slide : d.slides()) {
      b.append(i++).append(". **").append(md(slide.title())).append("**\n");
      for (String point : slide.points()) {
        b.append("   - ").append(oneLine(point)).append('\n');
      }
    }
    b.append('\n');
    return b.toString();
  }

  private static void list(StringBuilder b, String title, List<String> items) {
    b.append("**").append(title).append("**\n\n");
    items.forEach(i -> b.append("- ").append(md(i)).append('\n'));
    b.append('\n');
  }

  /** Text from the idea or a model, safe in any Markdown viewer ({@link MarkdownText}). */
  private static String md(String s) {
    return MarkdownText.safe(s);
  }

  private static String cell(String s) {
    return md(s).replace("|", "\\|").replace("\n", " ");
  }

  /** A text as a sentence: a full stop added unless it already ends as one. */
  static String sentence(String text) {
    String t = md(text).strip();
    return t.isEmpty() || t.matches("(?s).*[.!?…。！？]$") ? t : t + ".";
  }

  private static String oneLine(String text) {
    return md(text).replaceAll("\\s*\\R\\s*", " ").strip();
  }

  /** The founder's words as a block quote, each line marked. */
  private static String quoted(String text) {
    return "> " + md(text).strip().replaceAll("\\R", "\n> ");
  }
}
