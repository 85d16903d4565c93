package dev.socra.llm.plan;

import dev.socra.llm.pricing.Price;
import dev.socra.llm.route.TargetId;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a set of simulated calls came to: where they went, how many spilled past the route's first
 * target, how many waited for budget and how long, how many failed, and what they cost.
 *
 * @param takenBy calls served per target, in route order, targets that served none left out
 * @param tokensBy tokens per target as its budget counted them (input calibrated per provider)
 * @param spillReason why the first target did not take the first call that spilled; or null
 * @param waitReason why the longest wait waited; or null
 * @param failReason why the first failed call failed; or null
 * @param unpriced targets that served calls and have no price: their share is not in {@code cost}
 */
public record Tally(
    int calls,
    Map<TargetId, Integer> takenBy,
    Map<TargetId, Long> tokensBy,
    int spilled,
    String spillReason,
    int waited,
    Duration longestWait,
    String waitReason,
    int tooLarge,
    int pastDeadline,
    String failReason,
    BigDecimal cost,
    List<TargetId> unpriced) {

  static Tally of(List<CallRecord> records, List<PlanTarget> route) {
    Map<TargetId, Integer> takenBy = new LinkedHashMap<>();
    Map<TargetId, Long> tokensBy = new LinkedHashMap<>();
    for (PlanTarget t : route) {
      takenBy.put(t.id(), 0);
      tokensBy.put(t.id(), 0L);
    }
    int spilled = 0;
    int waited = 0;
    int tooLarge = 0;
    int pastDeadline = 0;
    long longest = 0;
    String spillReason = null;
    String waitReason = null;
    String failReason = null;
    BigDecimal cost = BigDecimal.ZERO;
    List<TargetId> unpriced = new ArrayList<>();
    for (CallRecord c : records) {
      if (c.fate() != CallRecord.Fate.SERVED) {
        if (c.fate() == CallRecord.Fate.TOO_LARGE) {
          tooLarge++;
        } else {
          pastDeadline++;
        }
        failReason = failReason == null ? c.note() : failReason;
        continue;
      }
      TargetId id = c.target().id();
      takenBy.merge(id, 1, Integer::sum);
      tokensBy.merge(id, c.demand().total(), Long::sum);
      if (c.spilled()) {
        spilled++;
        spillReason = spillReason == null ? c.firstRefusal() : spillReason;
      }
      if (c.waited()) {
        waited++;
        if (c.waitedNanos() > longest) {
          longest = c.waitedNanos();
          waitReason = c.note();
        }
      }
      Price price = c.target().price();
      if (price == null) {
        if (!unpriced.contains(id)) {
          unpriced.add(id);
        }
      } else {
        cost =
            cost.add(price.cost((int) c.demand().inputTokens(), (int) c.demand().outputTokens()));
      }
    }
    takenBy.values().removeIf(n -> n == 0);
    tokensBy.values().removeIf(n -> n == 0);
    return new Tally(
        records.size(),
        takenBy,
        tokensBy,
        spilled,
        spillReason,
        waited,
        Duration.ofNanos(longest),
        waitReason,
        tooLarge,
        pastDeadline,
        failReason,
        cost,
        unpriced);
  }

  public int failed() {
    return tooLarge + pastDeadline;
  }

  /** Some call had to wait for budget, or failed: the limits do not carry this load. */
  public boolean breaks() {
    return waited > 0 || failed() > 0;
  }
}
