package dev.socra.llm.plan;

import static dev.socra.llm.plan.PlanText.duration;

import dev.socra.llm.budget.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The lines that say where a route's configured limits cannot carry a plan's load. */
final class PlanWarnings {
  private static final double MINUTES_A_DAY = 24 * 60;

  private PlanWarnings() {}

  static List<String> warnings(Plan p) {
    List<String> w = new ArrayList<>();
    for (StagePlan s : p.stages()) {
      String name = s.stage().name();
      Tally t = s.calls();
      if (t.waited() > 0) {
        w.add(
            f(
                "WARNING: %s: %d of %d calls wait for budget, up to %s (%s)",
                name, t.waited(), t.calls(), duration(t.longestWait()), t.waitReason()));
      }
      if (t.tooLarge() > 0) {
        w.add(
            f(
                "WARNING: %s: %d of %d calls (%,d in / %,d out) fit no target and fail at once (%s)",
                name,
                t.tooLarge(),
                t.calls(),
                s.stage().inputPerCall(),
                s.stage().outputPerCall(),
                t.failReason()));
      }
      if (t.pastDeadline() > 0) {
        w.add(
            f(
                "WARNING: %s: %d of %d calls would wait past the %s deadline, so they fail (%s)",
                name, t.pastDeadline(), t.calls(), duration(p.deadline()), t.failReason()));
      }
    }
    LoadPlan load = p.load();
    if (load.breaks() && (load.sessionsPerMinute() > 1 || !p.session().breaks())) {
      w.add(
          f(
              "WARNING: at %s, %d of %d calls wait for budget (up to %s) and %d fail",
              PlanText.rate(load.sessionsPerMinute()),
              load.calls().waited(),
              load.calls().calls(),
              duration(load.calls().longestWait()),
              load.calls().failed()));
    }
    w.addAll(dayLimits(p));
    return w;
  }

  /** A day's budget spent at the load's rate: the per-minute buckets cannot show it. */
  private static List<String> dayLimits(Plan p) {
    List<String> w = new ArrayList<>();
    double minutes = Planner.LOAD_WINDOW.toMinutes();
    for (PlanTarget t : p.targets()) {
      Limits l = t.limits();
      // what the sessions ask of it, but never faster than its per-minute limits let it serve
      double requests =
          capped(
              p.load().calls().takenBy().getOrDefault(t.id(), 0) / minutes, l.requestsPerMinute());
      double tokens =
          capped(
              p.load().calls().tokensBy().getOrDefault(t.id(), 0L) / minutes, l.tokensPerMinute());
      if (l.requestsPerDay() > 0 && requests * MINUTES_A_DAY > l.requestsPerDay()) {
        w.add(dayWarning(t, l.requestsPerDay(), "requests", requests, p));
      }
      if (l.tokensPerDay() > 0 && tokens * MINUTES_A_DAY > l.tokensPerDay()) {
        w.add(dayWarning(t, l.tokensPerDay(), "tokens", tokens, p));
      }
    }
    return w;
  }

  private static double capped(double perMinute, long limit) {
    return limit > 0 ? Math.min(perMinute, limit) : perMinute;
  }

  private static String dayWarning(
      PlanTarget t, long limit, String unit, double perMinute, Plan p) {
    return f(
        "WARNING: %s: its %,d %s a day run out after %.1f h at %s (%,.0f %s a minute)",
        t.id(),
        limit,
        unit,
        limit / perMinute / 60,
        PlanText.rate(p.load().sessionsPerMinute()),
        perMinute,
        unit);
  }

  static List<String> notes(Plan p) {
    List<String> n = new ArrayList<>();
    for (PlanTarget t : p.targets()) {
      if (t.stub()) {
        n.add(
            "NOTE: "
                + t.id()
                + " is the demo stub: it has no limits, so nothing waits on it at any rate."
                + " Set a provider key to plan against real limits.");
      } else if (t.limits().unlimited()) {
        String prefix = t.id().provider().toUpperCase(Locale.ROOT).replace('-', '_');
        n.add(
            f(
                "NOTE: %s has no limits configured, so nothing waits on it here: set %s_RPM and"
                    + " %s_TPM (or limits in the config file) to what the provider allows.",
                t.id(), prefix, prefix));
      }
    }
    return n;
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
