package dev.socra.app.eval;

import dev.socra.core.report.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/** The eval's table: a line per founder, then the totals. */
public final class EvalReport {
  private static final String ROW = "%-28s %-12s %5s %7s %9s %6s %6s  %-17s %9s %9s %10s%n";

  private EvalReport() {}

  public static String render(List<FounderRun.Result> results) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            ROW,
            "founder",
            "kind",
            "turns",
            "facts",
            "q-failing",
            "moved",
            "capped",
            "verdict (right)",
            "input tok",
            "output tok",
            "cost"));
    int turns = 0;
    int questions = 0;
    int facts = 0;
    int of = 0;
    int drafts = 0;
    int still = 0;
    int moved = 0;
    int capped = 0;
    int right = 0;
    int judged = 0;
    int in = 0;
    int out = 0;
    int failed = 0;
    BigDecimal cost = BigDecimal.ZERO;
    boolean estimated = false;
    for (FounderRun.Result r : results) {
      b.append(
          String.format(
              ROW,
              cut(r.founder().name(), 28),
              r.founder().kind().name().toLowerCase(Locale.ROOT),
              r.turns(),
              r.factsUncovered() + "/" + r.facts(),
              r.draftsFailing() + " (" + r.stillFailing() + ")",
              r.movedWithoutQuote(),
              r.claimsCapped(),
              verdict(r),
              num(r.inputTokens()),
              num(r.outputTokens()),
              money(r.cost())));
      if (r.failed()) {
        b.append("  ✗ the session failed: ").append(r.failure()).append('\n');
        failed++;
      }
      turns += r.turns();
      questions += r.questions();
      facts += r.factsUncovered();
      of += r.facts();
      drafts += r.draftsFailing();
      still += r.stillFailing();
      moved += r.movedWithoutQuote();
      capped += r.claimsCapped();
      right += r.verdictRight() ? 1 : 0;
      judged += r.verdict() == null ? 0 : 1;
      in += r.inputTokens();
      out += r.outputTokens();
      cost = cost.add(r.cost());
      estimated |= r.estimated();
    }
    b.append(
        String.format(
            ROW,
            "total (" + results.size() + " founders)",
            "",
            turns,
            facts + "/" + of,
            drafts + " (" + still + ")",
            moved,
            capped,
            "right " + right + "/" + judged,
            num(in),
            num(out),
            money(cost)));
    b.append(
        String.format(
            "facts uncovered %s; questions failing the checks %s of %d (%d after the rewrite);"
                + " scores moved without a quote %d, claims capped %d; verdicts right %d of %d%s.%n",
            percent(facts, of),
            drafts,
            questions,
            still,
            moved,
            capped,
            right,
            results.size(),
            failed == 0 ? "" : "; " + failed + " session(s) failed"));
    if (estimated) {
      b.append("(some token counts are estimates: a provider reported no usage)\n");
    }
    return b.toString();
  }

  private static String verdict(FounderRun.Result r) {
    String expected =
        String.join(
            "/",
            r.founder().verdicts().stream().map(d -> d.name().toLowerCase(Locale.ROOT)).toList());
    if (r.verdict() == null) {
      return "— (" + expected + ")";
    }
    return r.verdict().name().toLowerCase(Locale.ROOT)
        + (r.verdictRight() ? " ✓" : " ✗")
        + " ("
        + expected
        + ")";
  }

  private static String percent(int part, int whole) {
    return whole == 0 ? "0%" : Math.round(100.0 * part / whole) + "% (" + part + "/" + whole + ")";
  }

  private static String cut(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }

  private static String num(int n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String money(BigDecimal d) {
    return Money.dollars(d);
  }
}
