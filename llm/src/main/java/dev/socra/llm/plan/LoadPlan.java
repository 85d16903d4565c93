package dev.socra.llm.plan;

import java.time.Duration;

/**
 * Sessions arriving evenly at a rate, for {@link Planner#LOAD_WINDOW}: how long each took and what
 * its calls met.
 */
public record LoadPlan(
    int sessionsPerMinute, int sessions, Duration medianWall, Duration worstWall, Tally calls) {
  public boolean breaks() {
    return calls.breaks();
  }
}
