package dev.socra.llm.plan;

import dev.socra.llm.Usage;
import dev.socra.llm.budget.Admission;
import dev.socra.llm.budget.Demand;
import dev.socra.llm.budget.InMemoryBudgetStore;
import dev.socra.llm.budget.Reservation;
import dev.socra.llm.budget.TargetBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Sessions of a profile replayed on simulated time against fresh budgets, one {@link TargetBudget}
 * per target as the router builds them. Each call takes the first target whose budget admits it
 * now; if none does, it books the earliest room (first come, first served), or fails at once when
 * it fits no target or its room comes after the deadline: the same steps as the router's call loop.
 * Every target is assumed healthy and every call successful.
 */
final class Simulation {
  private record Event(long at, long seq, Runnable action) {}

  private final SimulatedTime time = new SimulatedTime();
  private final List<PlanTarget> route;
  private final List<TargetBudget> budgets = new ArrayList<>();
  private final long deadlineNanos;
  private final Profile profile;
  private final PriorityQueue<Event> events =
      new PriorityQueue<>(Comparator.comparingLong(Event::at).thenComparingLong(Event::seq));
  private long seq;

  private final List<CallRecord> calls = new ArrayList<>();
  private long[][] stageStart;
  private long[][] stageEnd;
  private int[] outstanding;

  Simulation(List<PlanTarget> route, Duration deadline, Profile profile) {
    this.route = List.copyOf(route);
    this.deadlineNanos = deadline.toNanos();
    this.profile = profile;
    InMemoryBudgetStore store = new InMemoryBudgetStore(time);
    for (PlanTarget t : route) {
      budgets.add(
          new TargetBudget(
              t.id().toString(), t.limits(), t.tokenRatio(), t.refundsUnused(), store));
    }
  }

  /** Runs one session per arrival time (nanoseconds from the start) until every call is done. */
  Simulation run(long[] arrivals) {
    int stages = profile.stages().size();
    stageStart = new long[arrivals.length][stages];
    stageEnd = new long[arrivals.length][stages];
    outstanding = new int[arrivals.length];
    for (int s = 0; s < arrivals.length; s++) {
      int session = s;
      at(arrivals[s], () -> startStage(session, 0));
    }
    while (!events.isEmpty()) {
      Event e = events.poll();
      time.advanceTo(e.at());
      e.action().run();
    }
    return this;
  }

  List<CallRecord> calls() {
    return calls;
  }

  int sessions() {
    return stageStart.length;
  }

  long stageWall(int session, int stage) {
    return stageEnd[session][stage] - stageStart[session][stage];
  }

  long sessionWall(int session) {
    return stageEnd[session][stageEnd[session].length - 1] - stageStart[session][0];
  }

  private void at(long when, Runnable action) {
    events.add(new Event(when, seq++, action));
  }

  private long now() {
    return time.currentTimeNanos();
  }

  private void startStage(int session, int stage) {
    if (stage == profile.stages().size()) {
      return;
    }
    Stage st = profile.stages().get(stage);
    stageStart[session][stage] = now();
    outstanding[session] = st.calls();
    if (st.parallel()) {
      for (int i = 0; i < st.calls(); i++) {
        issue(session, stage, i);
      }
    } else {
      issue(session, stage, 0);
    }
  }

  private void finished(int session, int stage, int index) {
    Stage st = profile.stages().get(stage);
    outstanding[session]--;
    if (!st.parallel() && index + 1 < st.calls()) {
      issue(session, stage, index + 1);
    } else if (outstanding[session] == 0) {
      stageEnd[session][stage] = now();
      startStage(session, stage + 1);
    }
  }

  /** One call, routed as {@code Call.attemptAll} routes it. */
  private void issue(int session, int stage, int index) {
    Stage st = profile.stages().get(stage);
    long now = now();
    Map<Integer, Demand> waiting = new LinkedHashMap<>();
    Map<Integer, String> laterReasons = new LinkedHashMap<>();
    List<String> never = new ArrayList<>();
    String firstRefusal = null;
    for (int i = 0; i < route.size(); i++) {
      PlanTarget target = route.get(i);
      String refusal;
      if (st.inputPerCall() > target.contextWindow()) {
        refusal = "the prompt exceeds its context window of " + target.contextWindow();
        never.add(target.id() + ": " + refusal);
      } else {
        TargetBudget budget = budgets.get(i);
        Demand demand = budget.demand(st.inputPerCall(), st.outputPerCall());
        Admission admission = budget.admit(demand);
        if (admission instanceof Admission.Granted g) {
          start(session, stage, index, i, g.reservation(), now, firstRefusal, null);
          return;
        } else if (admission instanceof Admission.Later l) {
          refusal = l.reason();
          waiting.put(i, demand);
          laterReasons.put(i, target.id() + ": " + l.reason());
        } else {
          refusal = ((Admission.Never) admission).reason();
          never.add(target.id() + ": " + refusal);
        }
      }
      if (i == 0) {
        firstRefusal = target.id() + ": " + refusal;
      }
    }
    Integer roomAt = null;
    Duration roomIn = null;
    for (var w : waiting.entrySet()) {
      Duration d = budgets.get(w.getKey()).earliest(w.getValue());
      if (roomIn == null || d.compareTo(roomIn) < 0) {
        roomAt = w.getKey();
        roomIn = d;
      }
    }
    if (roomAt == null) {
      fail(session, stage, index, st, CallRecord.Fate.TOO_LARGE, firstRefusal, never);
      return;
    }
    TargetBudget budget = budgets.get(roomAt);
    Reservation booked = budget.book(waiting.get(roomAt));
    if (booked.delay().toNanos() >= deadlineNanos) {
      budget.settle(booked, null, 0);
      fail(
          session,
          stage,
          index,
          st,
          CallRecord.Fate.PAST_DEADLINE,
          firstRefusal,
          List.of(laterReasons.get(roomAt)));
      return;
    }
    start(
        session,
        stage,
        index,
        roomAt,
        booked,
        now + booked.delay().toNanos(),
        firstRefusal,
        laterReasons.get(roomAt));
  }

  private void start(
      int session,
      int stage,
      int index,
      int rank,
      Reservation reservation,
      long startAt,
      String firstRefusal,
      String note) {
    Stage st = profile.stages().get(stage);
    PlanTarget target = route.get(rank);
    long end = startAt + target.speed().of(st.outputPerCall()).toNanos();
    Demand demand = reservation.demand();
    calls.add(
        new CallRecord(
            session,
            stage,
            target,
            rank,
            demand,
            now(),
            startAt,
            end,
            CallRecord.Fate.SERVED,
            firstRefusal,
            note));
    at(
        end,
        () -> {
          // the provider counts what the budget estimated: the planned sizes are the real ones
          Usage usage = new Usage((int) demand.inputTokens(), (int) demand.outputTokens(), false);
          budgets.get(rank).settle(reservation, usage, st.inputPerCall());
          finished(session, stage, index);
        });
  }

  private void fail(
      int session,
      int stage,
      int index,
      Stage st,
      CallRecord.Fate fate,
      String firstRefusal,
      List<String> why) {
    long now = now();
    calls.add(
        new CallRecord(
            session,
            stage,
            null,
            -1,
            new Demand(st.inputPerCall(), st.outputPerCall()),
            now,
            now,
            now,
            fate,
            firstRefusal,
            String.join("; ", why)));
    // a failed call returns at once; the rest of the pipeline carries on without its answer
    at(now, () -> finished(session, stage, index));
  }
}
