package dev.socra.llm.internal;

import dev.socra.llm.Attempt;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.Usage;
import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.outcome.Outcome;
import dev.socra.llm.route.TargetId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The attempts of one call, each published as it is recorded. */
final class CallLog {
  private final long callId;
  private final ChatRequest request;
  private final Clock clock;
  private final Consumer<RouterEvent> events;
  private final List<Attempt> attempts = new ArrayList<>();

  CallLog(long callId, ChatRequest request, Clock clock, Consumer<RouterEvent> events) {
    this.callId = callId;
    this.request = request;
    this.clock = clock;
    this.events = events;
  }

  void record(Attempt attempt) {
    attempts.add(attempt);
    events.accept(
        new RouterEvent.AttemptFinished(callId, request.route(), attempt, request.tags()));
  }

  /** A target passed over without a request: it costs nothing and counts as no attempt. */
  void skip(TargetId target, String why, boolean continuation) {
    record(
        new Attempt(
            0,
            target,
            new Outcome.Skipped(why),
            0,
            clock.instant(),
            Duration.ZERO,
            null,
            Usage.NONE,
            BigDecimal.ZERO,
            continuation));
  }

  List<Attempt> attempts() {
    return attempts;
  }

  Usage usage() {
    Usage total = Usage.NONE;
    for (Attempt a : attempts) {
      total = total.plus(a.usage());
    }
    return total;
  }

  BigDecimal cost() {
    BigDecimal cost = BigDecimal.ZERO;
    for (Attempt a : attempts) {
      cost = cost.add(a.cost());
    }
    return cost;
  }

  /** The last attempt that reached a target, else the last skip: the call's real cause. */
  Attempt cause() {
    Attempt cause = null;
    for (Attempt a : attempts) {
      if (a.number() > 0) {
        cause = a;
      }
    }
    return cause == null && !attempts.isEmpty() ? attempts.getLast() : cause;
  }
}
