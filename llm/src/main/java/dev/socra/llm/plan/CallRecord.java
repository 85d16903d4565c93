package dev.socra.llm.plan;

import dev.socra.llm.budget.Demand;

/**
 * What happened to one simulated call.
 *
 * @param target the target that served it; null when it failed
 * @param rank the target's place in the route, from 0; -1 when it failed
 * @param firstRefusal why the route's first target did not take it at once; null when it did
 * @param note why it waited (the booked target's reason) or why it failed; null otherwise
 */
record CallRecord(
    int session,
    int stage,
    PlanTarget target,
    int rank,
    Demand demand,
    long queuedAt,
    long startedAt,
    long finishedAt,
    Fate fate,
    String firstRefusal,
    String note) {

  enum Fate {
    SERVED,
    /** Larger than every target's whole budget (or context window): fails at once, as routed. */
    TOO_LARGE,
    /** The earliest room comes after the call's deadline: the router gives up at once. */
    PAST_DEADLINE
  }

  long waitedNanos() {
    return startedAt - queuedAt;
  }

  boolean waited() {
    return fate == Fate.SERVED && startedAt > queuedAt;
  }

  boolean spilled() {
    return fate == Fate.SERVED && rank > 0;
  }
}
