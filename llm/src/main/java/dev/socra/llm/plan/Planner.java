package dev.socra.llm.plan;

import dev.socra.llm.config.ConfigException;
import dev.socra.llm.config.RouterConfig;
import dev.socra.llm.route.TargetId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plans a profile against a route: one session alone, then sessions arriving at a rate, then the
 * first rate at which the route's limits make calls wait or fail. Everything runs on simulated
 * time, so a plan of thousands of calls takes milliseconds.
 */
public final class Planner {
  /** Sessions arrive this long in a load run, so the budgets reach their steady state. */
  public static final Duration LOAD_WINDOW = Duration.ofMinutes(3);

  /** Rates up to this are scanned one by one for where the route breaks. */
  public static final int SCAN_STEP_BY_ONE_UP_TO = 60;

  public static final int MAX_SESSIONS_PER_MINUTE = 600;

  private final String route;
  private final List<PlanTarget> targets;
  private final Duration deadline;

  /**
   * @param deadline a call's whole time budget: a call whose room comes later fails, as routed
   */
  public Planner(String route, List<PlanTarget> targets, Duration deadline) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("route " + route + " has no targets");
    }
    this.route = route;
    this.targets = List.copyOf(targets);
    this.deadline = deadline;
  }

  /** A planner for a configured route, its targets budgeted exactly as the router budgets them. */
  public static Planner forRoute(RouterConfig config, String routeName) {
    List<TargetId> ids = config.routes().get(routeName);
    if (ids == null) {
      throw new ConfigException(
          "no route named '"
              + routeName
              + "' (routes: "
              + String.join(", ", config.routes().keySet())
              + ")");
    }
    return new Planner(
        routeName,
        ids.stream().map(id -> PlanTarget.of(config, id)).toList(),
        config.timeouts().deadline());
  }

  public Plan plan(Profile profile, int sessionsPerMinute) {
    if (sessionsPerMinute < 1 || sessionsPerMinute > MAX_SESSIONS_PER_MINUTE) {
      throw new IllegalArgumentException(
          "sessions per minute must be 1 to " + MAX_SESSIONS_PER_MINUTE);
    }
    Simulation one = new Simulation(targets, deadline, profile).run(new long[] {0});
    List<StagePlan> stages = new ArrayList<>();
    for (int i = 0; i < profile.stages().size(); i++) {
      int stage = i;
      List<CallRecord> calls = one.calls().stream().filter(c -> c.stage() == stage).toList();
      stages.add(
          new StagePlan(
              profile.stages().get(i),
              Tally.of(calls, targets),
              Duration.ofNanos(one.stageWall(0, i))));
    }
    Tally session = Tally.of(one.calls(), targets);
    Duration wall = Duration.ofNanos(one.sessionWall(0));
    LoadPlan load = load(profile, sessionsPerMinute);
    int scannedUpTo = Math.max(sessionsPerMinute, SCAN_STEP_BY_ONE_UP_TO);
    LoadPlan breaksAt = firstBreak(profile, load, scannedUpTo);
    Plan plan =
        new Plan(
            route,
            targets,
            profile,
            deadline,
            stages,
            session,
            wall,
            load,
            breaksAt,
            scannedUpTo,
            List.of(),
            List.of());
    return plan.withFindings(PlanWarnings.warnings(plan), PlanWarnings.notes(plan));
  }

  /** {@code rate} sessions a minute, one every {@code 60 / rate} seconds, for the load window. */
  LoadPlan load(Profile profile, int rate) {
    int sessions = (int) (LOAD_WINDOW.toMinutes() * rate);
    long gap = Duration.ofMinutes(1).toNanos() / rate;
    long[] arrivals = new long[sessions];
    for (int s = 0; s < sessions; s++) {
      arrivals[s] = s * gap;
    }
    Simulation sim = new Simulation(targets, deadline, profile).run(arrivals);
    long[] walls = new long[sessions];
    for (int s = 0; s < sessions; s++) {
      walls[s] = sim.sessionWall(s);
    }
    Arrays.sort(walls);
    return new LoadPlan(
        rate,
        sessions,
        Duration.ofNanos(walls[sessions / 2]),
        Duration.ofNanos(walls[sessions - 1]),
        Tally.of(sim.calls(), targets));
  }

  /**
   * The first rate from 1 at which calls wait or fail: one by one up to {@link
   * #SCAN_STEP_BY_ONE_UP_TO}, then doubling up to {@code top} and halving the last step, as more
   * sessions a minute never need less budget.
   */
  private LoadPlan firstBreak(Profile profile, LoadPlan known, int top) {
    int linearTop = Math.min(top, SCAN_STEP_BY_ONE_UP_TO);
    for (int rate = 1; rate <= linearTop; rate++) {
      LoadPlan l = rate == known.sessionsPerMinute() ? known : load(profile, rate);
      if (l.breaks()) {
        return l;
      }
    }
    int ok = linearTop;
    LoadPlan broke = null;
    while (ok < top && broke == null) {
      int rate = Math.min(ok * 2, top);
      LoadPlan l = rate == known.sessionsPerMinute() ? known : load(profile, rate);
      if (l.breaks()) {
        broke = l;
      } else {
        ok = rate;
      }
    }
    while (broke != null && broke.sessionsPerMinute() - ok > 1) {
      int rate = (ok + broke.sessionsPerMinute()) / 2;
      LoadPlan l = load(profile, rate);
      if (l.breaks()) {
        broke = l;
      } else {
        ok = rate;
      }
    }
    return broke;
  }
}
