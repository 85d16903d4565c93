package dev.socra.llm.plan;

import java.time.Duration;
import java.util.List;

/**
 * A profile planned against a route.
 *
 * @param stages one session alone, on fresh budgets
 * @param session that session's calls together
 * @param wall that session's wall time
 * @param load {@code sessionsPerMinute} sessions a minute
 * @param breaksAt the first rate at which calls wait for budget or fail; null if none up to {@code
 *     scannedUpTo}
 * @param warnings each a line saying where the configured limits cannot carry the load
 * @param notes facts about the plan that are not failures (a target without limits)
 */
public record Plan(
    String route,
    List<PlanTarget> targets,
    Profile profile,
    Duration deadline,
    List<StagePlan> stages,
    Tally session,
    Duration wall,
    LoadPlan load,
    LoadPlan breaksAt,
    int scannedUpTo,
    List<String> warnings,
    List<String> notes) {

  public Plan {
    warnings = List.copyOf(warnings);
    notes = List.copyOf(notes);
  }

  Plan withFindings(List<String> warningLines, List<String> noteLines) {
    return new Plan(
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
        warningLines,
        noteLines);
  }
}
