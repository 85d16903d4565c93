package dev.socra.llm.internal;

import dev.socra.llm.Attempt;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.LlmCallException;
import dev.socra.llm.LlmCallException.Failure;
import dev.socra.llm.outcome.Outcome;
import dev.socra.llm.route.TargetId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a call that got no answer says so: the kind of failure, the real cause (the last attempt that
 * reached a target), and, when every target is only cooling down, when to try again.
 */
final class FailureReport {
  private final ChatRequest request;
  private final List<TargetId> route;
  private final RouterContext router;
  private final CallLog log;
  private final StreamContinuation text;
  private final BudgetAdmission budgets;
  private final Eligibility eligibility;
  private final Set<TargetId> unusable;

  FailureReport(
      ChatRequest request,
      List<TargetId> route,
      RouterContext router,
      CallLog log,
      StreamContinuation text,
      BudgetAdmission budgets,
      Eligibility eligibility,
      Set<TargetId> unusable) {
    this.request = request;
    this.route = route;
    this.router = router;
    this.log = log;
    this.text = text;
    this.budgets = budgets;
    this.eligibility = eligibility;
    this.unusable = unusable;
  }

  /** Why no target answered, when the call has nothing left to try or to wait for. */
  LlmCallException noTargetAnswered() {
    if (budgets.fitsNone(route.size())) {
      return of(
          Failure.EXCEEDS_EVERY_BUDGET,
          "the request is larger than every target's whole budget ("
              + budgets.neverFitsText()
              + ")");
    }
    if (text.started()) {
      return of(
          Failure.STREAM_INTERRUPTED,
          text.toolCallStarted()
              ? "the answer was cut off in the middle of a tool call (after "
                  + text.length()
                  + " characters of text), which no target can continue"
              : "the answer was cut off after "
                  + text.length()
                  + " characters and no target could continue it");
    }
    if (eligibility.anyWindowTooSmall()
        && log.attempts().stream()
            .noneMatch(a -> a.number() > 0 && !(a.outcome() instanceof Outcome.ContextTooLong))) {
      return of(
          Failure.CONTEXT_TOO_LONG,
          "the prompt is too long for every target on route '" + request.route() + "'");
    }
    List<Attempt> all = log.attempts();
    if (!all.isEmpty()
        && all.stream()
            .allMatch(
                a ->
                    a.number() == 0
                        && a.outcome().detail().startsWith(Eligibility.DOES_NOT_TAKE))) {
      // no target of the route takes tools (or images): the request has to change, not the route
      return of(
          Failure.REFUSED,
          "no target on route '"
              + request.route()
              + "' takes this request: "
              + all.getLast().target()
              + " "
              + all.getLast().outcome().detail());
    }
    List<Attempt> reached = all.stream().filter(a -> a.number() > 0).toList();
    if (!reached.isEmpty()
        && reached.stream().allMatch(a -> a.outcome() instanceof Outcome.Unsupported)) {
      // every target that was asked said it cannot take this request: a request to change
      return of(
          Failure.REFUSED,
          "no target on route '"
              + request.route()
              + "' takes this request; last: "
              + reached.getLast().target()
              + " — "
              + reached.getLast().outcome().detail());
    }
    return of(Failure.ALL_TARGETS_FAILED, "every target on route '" + request.route() + "' failed");
  }

  LlmCallException of(Failure kind, String headline) {
    StringBuilder m = new StringBuilder(headline);
    Attempt cause = log.cause();
    if (cause != null && kind != Failure.REFUSED) {
      m.append("; last cause: ")
          .append(cause.target())
          .append(' ')
          .append(cause.outcome().kind())
          .append(" — ")
          .append(cause.outcome().detail());
    }
    Duration retryIn = retryIn();
    if (retryIn != null && kind != Failure.REFUSED && kind != Failure.EXCEEDS_EVERY_BUDGET) {
      m.append("; every target is cooling down (rate limited or out of quota): try again in ")
          .append(Math.max(1, (retryIn.toMillis() + 999) / 1000))
          .append(" s");
    }
    return new LlmCallException(kind, m.toString(), log.attempts(), text.text(), retryIn);
  }

  /**
   * When every target of the route that could serve this call is only cooling down or out of room
   * in its budget, how long until the first one is free again: what a person (or a client's
   * Retry-After) needs to know. Null otherwise.
   */
  private Duration retryIn() {
    Instant now = router.clock().instant();
    Instant first = null;
    for (TargetId t : route) {
      if (unusable.contains(t)) {
        continue; // can never take this call: says nothing about when to try again
      }
      Optional<Instant> at = router.healthOf(t).availableAt();
      if (at.isEmpty()) {
        // no room in the target's own budget: free again when its buckets have refilled enough
        at = budgets.waitingFor(t).map(d -> now.plus(router.budgetOf(t).earliest(d)));
      }
      if (at.isEmpty()) {
        return null;
      }
      if (first == null || at.get().isBefore(first)) {
        first = at.get();
      }
    }
    return first == null || !first.isAfter(now) ? null : Duration.between(now, first);
  }
}
