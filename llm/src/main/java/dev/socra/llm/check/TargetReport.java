package dev.socra.llm.check;

import dev.socra.llm.route.TargetId;
import java.util.List;

/**
 * What {@code socra check} found about one target, and what Socra will therefore do there.
 *
 * @param consequences "uses JSON mode + validation here", … ; empty when all works as declared
 * @param works reachable, key valid, and a plain answer came both whole and streamed
 * @param tokens tokens the check spent on this target (reported, or estimated where not)
 */
public record TargetReport(
    TargetId target,
    String where,
    List<Finding> findings,
    List<String> consequences,
    boolean works,
    long tokens) {

  public TargetReport {
    findings = List.copyOf(findings);
    consequences = List.copyOf(consequences);
  }
}
