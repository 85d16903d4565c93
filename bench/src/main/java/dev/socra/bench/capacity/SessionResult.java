package dev.socra.bench.capacity;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/** One pipeline run: every call's outcome and the wall time from its start to its last answer. */
record SessionResult(int session, Duration wall, List<CallOutcome> calls) {

  SessionResult {
    calls = List.copyOf(calls);
  }

  long failures() {
    return calls.stream().filter(c -> !c.ok()).count();
  }

  BigDecimal cost() {
    return calls.stream().map(CallOutcome::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
