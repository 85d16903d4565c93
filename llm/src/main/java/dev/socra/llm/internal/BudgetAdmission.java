package dev.socra.llm.internal;

import dev.socra.llm.budget.Admission;
import dev.socra.llm.budget.Demand;
import dev.socra.llm.budget.Reservation;
import dev.socra.llm.budget.TargetBudget;
import dev.socra.llm.route.TargetId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The budget step of one call: does the request's demand fit the target's budget now? Remembers,
 * for the pass over the route, which targets had no room yet (and so could be waited for), and for
 * the whole call which ones the request can never fit.
 */
final class BudgetAdmission {

  /** The step's answer: room taken, or why not. */
  sealed interface Result {}

  record Granted(Reservation reservation) implements Result {}

  /**
   * No room.
   *
   * @param reason the budget's own words, for the target's health record
   * @param detail what the skipped attempt says
   * @param forGood the request is larger than the target's whole budget
   */
  record NoRoom(String reason, String detail, boolean forGood) implements Result {}

  /** The earliest room among the targets that had none: where and when, for what demand. */
  record Room(TargetId target, Demand demand, Duration in) {}

  /** Targets whose budget had no room in this pass, with the demand that did not fit. */
  private final Map<TargetId, Demand> waiting = new LinkedHashMap<>();

  /** Targets whose whole budget is smaller than this request. */
  private final List<String> neverFits = new ArrayList<>();

  /** A new pass over the route: what had no room before is asked again. */
  void newPass() {
    waiting.clear();
  }

  Result admit(TargetId target, TargetBudget budget, long inputEstimate, int maxTokens) {
    Demand demand = budget.demand(inputEstimate, maxTokens);
    return switch (budget.admit(demand)) {
      case Admission.Never n -> {
        neverFits.add(target + ": " + n.reason());
        yield new NoRoom(n.reason(), n.reason(), true);
      }
      case Admission.Later l -> {
        waiting.put(target, demand);
        yield new NoRoom(
            l.reason(),
            "budget: " + l.reason() + "; room in " + l.delay().toMillis() + "ms",
            false);
      }
      case Admission.Granted g -> new Granted(g.reservation());
    };
  }

  /** Of the targets that had no room in this pass, the one whose room comes first. */
  Optional<Room> earliest(Function<TargetId, TargetBudget> budgets) {
    Room first = null;
    for (var w : waiting.entrySet()) {
      Duration d = budgets.apply(w.getKey()).earliest(w.getValue());
      if (first == null || d.compareTo(first.in()) < 0) {
        first = new Room(w.getKey(), w.getValue(), d);
      }
    }
    return Optional.ofNullable(first);
  }

  /** The demand that found no room on {@code target} in this pass, if it found none. */
  Optional<Demand> waitingFor(TargetId target) {
    return Optional.ofNullable(waiting.get(target));
  }

  /** True when the request is larger than the whole budget of every one of {@code targets}. */
  boolean fitsNone(int targets) {
    return !neverFits.isEmpty() && neverFits.size() == targets;
  }

  String neverFitsText() {
    return String.join("; ", neverFits);
  }
}
