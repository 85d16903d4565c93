package dev.socra.llm.plan;

import dev.socra.llm.pricing.Price;
import dev.socra.llm.route.TargetId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A plan as text, as {@code socra plan} prints it. */
public final class PlanText {
  private PlanText() {}

  public static String render(Plan p) {
    StringBuilder s = new StringBuilder();
    Profile profile = p.profile();
    s.append(
        f(
            "Plan for route %s: %s, %d calls, %,d in / %,d out tokens a session.\n",
            p.route(),
            profile.name(),
            profile.calls(),
            profile.inputTokens(),
            profile.outputTokens()));
    s.append("Simulated on the router's own budgets and admission rules; no provider is called.")
        .append(" Call times are assumed (docs/configuration.md).\n\n");
    s.append("Targets, in route order:\n");
    List<String[]> targets = new ArrayList<>();
    int i = 1;
    for (PlanTarget t : p.targets()) {
      targets.add(
          new String[] {
            i++ + ". " + t.id(), t.limits().describe(), t.speed().describe(), price(t.price())
          });
    }
    table(s, targets);

    s.append("\nOne session, on fresh budgets:\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "stage", "calls", "per call in / out", "taken by", "waited for budget", "wall"
        });
    for (StagePlan sp : p.stages()) {
      Stage st = sp.stage();
      rows.add(
          new String[] {
            st.name(),
            st.calls() == 1
                ? "1"
                : st.calls() + (st.parallel() ? " in parallel" : ", one after another"),
            f("%,d / %,d", st.inputPerCall(), st.outputPerCall()),
            takenBy(sp.calls(), p.targets()),
            waited(sp.calls()),
            duration(sp.wall())
          });
    }
    rows.add(
        new String[] {
          "session",
          String.valueOf(profile.calls()),
          f("%,d / %,d in all", profile.inputTokens(), profile.outputTokens()),
          takenBy(p.session(), p.targets()),
          waited(p.session()),
          duration(p.wall())
        });
    table(s, rows);
    for (StagePlan sp : p.stages()) {
      if (sp.calls().spilled() > 0) {
        s.append(
            f(
                "  spill-over: %s, %d of %d calls (%s)\n",
                sp.stage().name(),
                sp.calls().spilled(),
                sp.calls().calls(),
                sp.calls().spillReason()));
      }
    }
    s.append("  cost per session: ").append(cost(p.session())).append('\n');

    LoadPlan load = p.load();
    s.append(
        f(
            "\nAt %s, arriving evenly for %d minutes (%d sessions):\n",
            rate(load.sessionsPerMinute()), Planner.LOAD_WINDOW.toMinutes(), load.sessions()));
    s.append(
        f(
            "  wall per session: median %s, worst %s\n",
            duration(load.medianWall()), duration(load.worstWall())));
    Tally c = load.calls();
    s.append(
        f(
            "  calls: %d (%s); %s spilled over; %s waited for budget%s; %s failed\n",
            c.calls(),
            takenBy(c, p.targets()),
            count(c.spilled()),
            count(c.waited()),
            c.waited() > 0 ? ", up to " + duration(c.longestWait()) : "",
            count(c.failed())));
    s.append("  cost per session: ").append(cost(c, load.sessions())).append('\n');
    s.append("  where it breaks: ").append(breaks(p)).append('\n');

    if (!p.warnings().isEmpty() || !p.notes().isEmpty()) {
      s.append('\n');
    }
    p.warnings().forEach(w -> s.append(w).append('\n'));
    p.notes().forEach(n -> s.append(n).append('\n'));
    return s.toString();
  }

  private static String breaks(Plan p) {
    LoadPlan b = p.breaksAt();
    if (b == null) {
      return f("no call waits or fails up to %s", rate(p.scannedUpTo()));
    }
    return f(
        "at %s, %d of %d calls wait for budget (up to %s) and %d fail",
        rate(b.sessionsPerMinute()),
        b.calls().waited(),
        b.calls().calls(),
        duration(b.calls().longestWait()),
        b.calls().failed());
  }

  private static String takenBy(Tally t, List<PlanTarget> route) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<TargetId, Integer> e : t.takenBy().entrySet()) {
      parts.add(label(e.getKey(), route) + " " + e.getValue());
    }
    if (t.tooLarge() > 0) {
      parts.add(t.tooLarge() + " too large for every target");
    }
    if (t.pastDeadline() > 0) {
      parts.add(t.pastDeadline() + " past the deadline");
    }
    return String.join(", ", parts);
  }

  /** The provider's name where it is unique in the route, else the whole target. */
  private static String label(TargetId id, List<PlanTarget> route) {
    long same = route.stream().filter(t -> t.id().provider().equals(id.provider())).count();
    return same == 1 ? id.provider() : id.toString();
  }

  private static String waited(Tally t) {
    return t.waited() == 0
        ? "none"
        : f("%d of %d, up to %s", t.waited(), t.calls(), duration(t.longestWait()));
  }

  private static String cost(Tally t) {
    return cost(t, 1);
  }

  private static String cost(Tally t, int sessions) {
    String money = money(t.cost().divide(BigDecimal.valueOf(sessions), 10, RoundingMode.HALF_UP));
    if (t.failed() > 0) {
      money += " (failed calls cost nothing)";
    }
    if (t.unpriced().isEmpty()) {
      return money;
    }
    return money
        + " plus unpriced calls on "
        + t.unpriced().stream().map(TargetId::toString).collect(Collectors.joining(", "))
        + " (no price in the table)";
  }

  private static String price(Price p) {
    if (p == null) {
      return "unpriced";
    }
    if (p.inputPerMillion().signum() == 0 && p.outputPerMillion().signum() == 0) {
      return "free";
    }
    return f(
        "$%s in, $%s out per M tokens",
        p.inputPerMillion().toPlainString(), p.outputPerMillion().toPlainString());
  }

  static String money(BigDecimal v) {
    if (v.signum() == 0) {
      return "$0";
    }
    int scale = v.compareTo(new BigDecimal("0.01")) < 0 ? 5 : 4;
    return "$" + v.setScale(scale, RoundingMode.HALF_UP).toPlainString();
  }

  static String rate(int sessionsPerMinute) {
    return sessionsPerMinute == 1 ? "1 session a minute" : sessionsPerMinute + " sessions a minute";
  }

  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1_000) {
      return ms + " ms";
    }
    if (ms < 120_000) {
      return f("%.1f s", ms / 1000.0);
    }
    long seconds = Math.round(ms / 1000.0);
    return seconds % 60 == 0
        ? f("%d min", seconds / 60)
        : f("%d min %d s", seconds / 60, seconds % 60);
  }

  private static String count(int n) {
    return n == 0 ? "none" : String.valueOf(n);
  }

  private static void table(StringBuilder s, List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] r : rows) {
      for (int c = 0; c < columns; c++) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int c = 0; c < columns; c++) {
        line.append(r[c]);
        if (c < columns - 1) {
          line.append(" ".repeat(width[c] - r[c].length() + 2));
        }
      }
      s.append(line.toString().stripTrailing()).append('\n');
    }
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
