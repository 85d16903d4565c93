package dev.socra.llm.internal;

import dev.socra.llm.Attempt;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.LlmCallException;
import dev.socra.llm.LlmCallException.Failure;
import dev.socra.llm.TokenSink;
import dev.socra.llm.ToolCall;
import dev.socra.llm.budget.BudgetUnavailableException;
import dev.socra.llm.budget.Reservation;
import dev.socra.llm.budget.TargetBudget;
import dev.socra.llm.config.Feature;
import dev.socra.llm.config.ProviderConfig;
import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.outcome.Outcome;
import dev.socra.llm.route.FailoverPolicy.Decision;
import dev.socra.llm.route.TargetHealth;
import dev.socra.llm.route.TargetId;
import dev.socra.llm.spend.SpendCeiling;
import dev.socra.llm.spend.SpendGate;
import dev.socra.llm.spend.SpendRefusedException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One call through a route: the attempt loop. Each step is a small piece, in the order of "One
 * call" in docs/architecture.md: can the target take it ({@link Eligibility}), admit (its {@link
 * TargetHealth}), budget ({@link BudgetAdmission}), send, classify and record ({@link Sender}),
 * decide (the failover policy). This class strings them together and decides what the call waits
 * for when no target answered.
 */
public final class Call {
  private final long id;
  private final ChatRequest request;
  private final boolean stream;
  private final List<TargetId> route;
  private final RouterContext router;
  private final Instant deadline;
  private final CallLog log;
  private final StreamContinuation text;
  private final Eligibility eligibility;
  private final BudgetAdmission budgets = new BudgetAdmission();
  private final Sender sender;
  private final FailureReport failures;

  /** Targets that failed in this call for a reason waiting will not cure. */
  private final Set<TargetId> exhausted = new HashSet<>();

  /**
   * Targets that can never take this request (avoided, too small a context or budget): left out
   * when working out how long until the route is free again.
   */
  private final Set<TargetId> unusable = new HashSet<>();

  private int attemptsMade;
  private String lastText = "";
  private List<ToolCall> lastToolCalls = List.of();

  public Call(
      long id,
      ChatRequest request,
      boolean stream,
      TokenSink caller,
      List<TargetId> route,
      RouterContext router) {
    this.id = id;
    this.request = request;
    this.stream = stream;
    this.route = route;
    this.router = router;
    Duration budget =
        request.deadline() != null ? request.deadline() : router.config().timeouts().deadline();
    this.deadline = router.clock().instant().plus(budget);
    this.log = new CallLog(id, request, router.clock(), router.events());
    this.text = new StreamContinuation(caller);
    this.eligibility = new Eligibility(request, router.tokens());
    this.sender = new Sender(router, request, stream, deadline, text, log);
    this.failures =
        new FailureReport(request, route, router, log, text, budgets, eligibility, unusable);
  }

  public ChatResponse run() {
    try {
      ChatResponse response = attemptAll();
      router
          .events()
          .accept(new RouterEvent.CallSucceeded(id, request.route(), response, request.tags()));
      return response;
    } catch (LlmCallException e) {
      router.events().accept(new RouterEvent.CallFailed(id, request.route(), e, request.tags()));
      throw e;
    } catch (BudgetUnavailableException e) {
      LlmCallException failed =
          new LlmCallException(
              Failure.BUDGETS_UNAVAILABLE,
              e.getMessage(),
              log.attempts(),
              text.text(),
              e.retryAfter());
      router
          .events()
          .accept(new RouterEvent.CallFailed(id, request.route(), failed, request.tags()));
      throw failed;
    } catch (CallerStopped e) {
      // The caller's own sink failed (a client went away, say): the call ends, and says so.
      router
          .events()
          .accept(
              new RouterEvent.CallFailed(
                  id,
                  request.route(),
                  new LlmCallException(
                      Failure.CALLER_ABORTED,
                      "the caller stopped the call: " + e.sinkFailure(),
                      log.attempts(),
                      text.text()),
                  request.tags()));
      throw e.sinkFailure();
    }
  }

  private ChatResponse attemptAll() {
    while (true) {
      budgets.newPass();
      for (TargetId target : route) {
        if (exhausted.contains(target)) {
          continue;
        }
        Optional<ChatResponse> done = tryTarget(target, null);
        if (done.isPresent()) {
          return done.get();
        }
      }
      // Nothing answered now. Wait for whichever comes first within the deadline: room in a
      // target's budget (booked ahead, so calls are served in the order they came), or the end of a
      // cool-down a target asked for. Targets that failed otherwise are not tried again.
      Optional<Instant> cooled =
          route.stream()
              .filter(t -> !exhausted.contains(t))
              .map(router::healthOf)
              .map(TargetHealth::availableAt)
              .flatMap(Optional::stream)
              .min(Instant::compareTo);
      Optional<BudgetAdmission.Room> room = budgets.earliest(router::budgetOf);
      Instant now = router.clock().instant();
      if (room.isPresent()
          && (cooled.isEmpty() || now.plus(room.get().in()).isBefore(cooled.get()))) {
        Optional<ChatResponse> done = waitForRoom(room.get(), now);
        if (done.isPresent()) {
          return done.get();
        }
        continue;
      }
      if (cooled.isEmpty() || !cooled.get().isBefore(deadline)) {
        throw failure();
      }
      sleep(Duration.between(now, cooled.get()));
    }
  }

  /**
   * Waits for the room that comes first: a free slot (then the route is walked again), or room in
   * the buckets, booked now and then sent to that target.
   */
  private Optional<ChatResponse> waitForRoom(BudgetAdmission.Room room, Instant now) {
    TargetBudget budget = router.budgetOf(room.target());
    if (budget.concurrencyFull()) {
      if (!now.plus(room.in()).isBefore(deadline)) {
        throw failure(
            Failure.DEADLINE_EXCEEDED, "the call's deadline passed waiting for a free slot");
      }
      awaitSlot(budget);
      return Optional.empty();
    }
    Reservation booked = budget.book(room.demand());
    if (!router.clock().instant().plus(booked.delay()).isBefore(deadline)) {
      budget.settle(booked, null, 0);
      throw failure();
    }
    try {
      sleep(booked.delay());
    } catch (LlmCallException e) {
      budget.settle(booked, null, 0);
      throw e;
    }
    return tryTarget(room.target(), booked);
  }

  /** What the call does after an attempt: the failover policy's decision, applied. */
  private sealed interface Next {
    /** The answer is complete. */
    record Answered(ChatResponse response) implements Next {}

    /** This target is done with for now: on to the next one. */
    record MoveOn() implements Next {}

    /** The same target again after a wait; {@code continuing} when it must continue a stream. */
    record Retry(Duration after, boolean continuing) implements Next {}
  }

  /**
   * Tries one target, step by step, with its retry on the same target when the policy allows one.
   *
   * @param booked room already booked in this target's budget, or null to ask for room now
   */
  private Optional<ChatResponse> tryTarget(TargetId target, Reservation booked) {
    ProviderConfig provider = router.provider(target);
    TargetHealth health = router.healthOf(target);
    TargetBudget budget = router.budgetOf(target);
    boolean continuing = text.started();
    if (continuing && !text.continuable()) {
      release(budget, booked);
      return skip(
          target, "cannot continue a tool call cut part-way (no prefill finishes one)", true);
    }
    // can it take it?
    Optional<Eligibility.Unfit> unfit =
        eligibility.check(
            target, provider, router.capabilities(target), router.learnedOf(target), continuing);
    if (unfit.isPresent()) {
      release(budget, booked);
      if (unfit.get().neverServes()) {
        unusable.add(target);
      }
      return skip(target, unfit.get().reason(), unfit.get().forGood());
    }
    for (int tries = 1; ; tries++) {
      // admit
      Optional<String> refused = health.admit(tries > 1);
      if (refused.isPresent()) {
        release(budget, booked);
        return skip(target, refused.get(), false);
      }
      // budget
      long estimate =
          continuing
              ? router.tokens().countInput(request, text.text())
              : eligibility.inputEstimate();
      Reservation reservation = booked != null ? booked : room(target, health, budget, estimate);
      booked = null;
      if (reservation == null) {
        return Optional.empty();
      }
      withinCallLimits(health, budget, reservation);
      SpendGate.Hold hold = holdSpend(target, continuing, health, budget, reservation);
      // send, classify, record
      Sender.Sent sent =
          sender.send(++attemptsMade, target, continuing, reservation, estimate, hold);
      health.record(sent.attempt().outcome(), sent.attempt().latency());
      // decide
      switch (decide(target, provider, sent, tries, continuing)) {
        case Next.Answered a -> {
          return Optional.of(a.response());
        }
        case Next.MoveOn m -> {
          return Optional.empty();
        }
        case Next.Retry r -> {
          sleep(r.after());
          continuing = r.continuing();
        }
      }
    }
  }

  /** Room in the target's budget now, or null after recording why there is none. */
  private Reservation room(
      TargetId target, TargetHealth health, TargetBudget budget, long estimate) {
    BudgetAdmission.Result admitted;
    try {
      admitted = budgets.admit(target, budget, withMargin(estimate), request.maxTokens());
    } catch (BudgetUnavailableException e) {
      health.record(new Outcome.Skipped("budgets unavailable"), Duration.ZERO);
      throw e;
    }
    return switch (admitted) {
      case BudgetAdmission.Granted g -> g.reservation();
      case BudgetAdmission.NoRoom no -> {
        if (no.forGood()) {
          unusable.add(target);
        }
        health.record(new Outcome.Skipped(no.reason()), Duration.ZERO);
        skip(target, no.detail(), no.forGood());
        yield null;
      }
    };
  }

  /** The failover policy's decision on an attempt, and what the call learns from it. */
  private Next decide(
      TargetId target, ProviderConfig provider, Sender.Sent sent, int tries, boolean continuing) {
    Outcome outcome = sent.attempt().outcome();
    if (outcome.isSuccess()) {
      lastText = sent.text();
      lastToolCalls = sent.toolCalls();
      return new Next.Answered(response(target, sent.attempt()));
    }
    if (Thread.currentThread().isInterrupted()) {
      throw failure(Failure.INTERRUPTED, "the calling thread was interrupted during an attempt");
    }
    if (outcome instanceof Outcome.ContextTooLong) {
      eligibility.foundTooSmall(provider.contextWindow());
      unusable.add(target);
    }
    if (outcome instanceof Outcome.TooLarge) {
      unusable.add(target);
    }
    if (outcome instanceof Outcome.Unsupported u) {
      learn(target, u, sent.shape());
    }
    if (sent.fault()) {
      exhausted.add(target); // an adapter that threw would throw again
      return new Next.MoveOn();
    }
    return switch (router.policy().decide(outcome, tries, remaining())) {
      case Decision.Done d -> new Next.Answered(response(target, sent.attempt()));
      case Decision.GiveUp g -> {
        if (outcome instanceof Outcome.Abandoned) {
          throw failure(
              Failure.DEADLINE_EXCEEDED, "the call's deadline passed while waiting for " + target);
        }
        if (!continuing) {
          throw failure(Failure.REFUSED, "refused by " + target + ": " + outcome.detail());
        }
        // A refusal of a continuation may be a refusal of the prefill: another target may take it.
        exhausted.add(target);
        yield new Next.MoveOn();
      }
      case Decision.NextTarget n -> {
        if (!(outcome instanceof Outcome.RateLimited)) {
          exhausted.add(target);
        }
        yield new Next.MoveOn();
      }
      case Decision.RetrySame r -> {
        boolean midStream = text.started();
        if ((midStream && (!router.capabilities(target).prefill() || !text.continuable()))
            || r.after().compareTo(remaining()) >= 0) {
          exhausted.add(target);
          yield new Next.MoveOn();
        }
        yield new Next.Retry(r.after(), midStream);
      }
    };
  }

  /**
   * What a target that could not take the request taught the router: the feature it named, when the
   * request used it (a refused schema sent with {@code strict} teaches "no strict", so the next
   * request still gets a schema), else the request's whole shape.
   */
  private void learn(TargetId target, Outcome.Unsupported u, Set<Feature> shape) {
    var learned = router.learnedOf(target);
    Optional<Feature> named = u.feature();
    if (named.isPresent()) {
      Feature f = named.get();
      if (f == Feature.JSON_SCHEMA && shape.contains(Feature.STRICT_SCHEMA)) {
        f = Feature.STRICT_SCHEMA;
      }
      if (shape.contains(f) || f == Feature.MAX_TOKENS_FIELD || f.sampling()) {
        learned.refuse(f, u.detail());
        return;
      }
    }
    if (!shape.isEmpty()) {
      learned.refuseShape(shape, u.detail());
    }
  }

  /** The call's own limits, checked before every attempt: its attempt budget and its deadline. */
  private void withinCallLimits(TargetHealth health, TargetBudget budget, Reservation reservation) {
    if (attemptsMade >= router.config().retry().maxAttempts()) {
      budget.settle(reservation, null, 0);
      health.record(new Outcome.Skipped("attempt budget spent"), Duration.ZERO);
      throw failure(
          Failure.ATTEMPTS_EXHAUSTED,
          "the call's " + router.config().retry().maxAttempts() + " attempts are spent");
    }
    if (!router.clock().instant().isBefore(deadline)) {
      budget.settle(reservation, null, 0);
      health.record(new Outcome.Skipped("deadline passed"), Duration.ZERO);
      throw failure(Failure.DEADLINE_EXCEEDED, "the call's deadline passed");
    }
  }

  /**
   * Holds the attempt's most possible cost against the caller's spending limit: every input token
   * it can be billed for and all of {@code max_tokens}, at the target's price. No room ends the
   * call with {@link Failure#SPEND_LIMIT}; the attempt is not sent.
   */
  private SpendGate.Hold holdSpend(
      TargetId target,
      boolean continuing,
      TargetHealth health,
      TargetBudget budget,
      Reservation reservation) {
    long input = SpendCeiling.inputTokens(request, continuing ? text.text() : null);
    BigDecimal most =
        router
            .config()
            .prices()
            .cost(target, (int) Math.min(Integer.MAX_VALUE, input), request.maxTokens());
    try {
      return router.spend().hold(request, target, most);
    } catch (SpendRefusedException e) {
      budget.settle(reservation, null, 0);
      health.record(new Outcome.Skipped("spending limit reached"), Duration.ZERO);
      throw new LlmCallException(
          Failure.SPEND_LIMIT, e.getMessage(), log.attempts(), text.text(), e.retryAfter());
    } catch (BudgetUnavailableException e) {
      // the caller keeps its limit where the shared budgets are, and it is out of reach too
      budget.settle(reservation, null, 0);
      health.record(new Outcome.Skipped("spending limit out of reach"), Duration.ZERO);
      throw e;
    }
  }

  private Optional<ChatResponse> skip(TargetId target, String why, boolean forGood) {
    log.skip(target, why, text.started());
    if (forGood) {
      exhausted.add(target);
    }
    return Optional.empty();
  }

  /**
   * The estimate with a small margin: calibration is one factor per target, learned mostly on short
   * prompts, so a long prompt can be undercounted by a few dozen tokens, and a request admitted at
   * the very edge of a bucket would then be refused.
   */
  private static long withMargin(long estimate) {
    return (long) Math.ceil(estimate * 1.03) + 8;
  }

  private static void release(TargetBudget budget, Reservation booked) {
    if (booked != null) {
      budget.settle(booked, null, 0);
    }
  }

  private ChatResponse response(TargetId target, Attempt last) {
    String answer = stream ? text.text() : lastText;
    // tool calls are never continued from one target on another: the last attempt wrote them all
    return new ChatResponse(
        answer,
        target,
        log.attempts(),
        log.usage(),
        log.cost(),
        last.outcome().detail(),
        last.outcome().isSuccess() ? lastToolCalls : List.of());
  }

  private Duration remaining() {
    Duration d = Duration.between(router.clock().instant(), deadline);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** A wait the call chose (a retry's backoff, a stated wait, a cool-down, booked room). */
  private void sleep(Duration d) {
    try {
      router.sleeper().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(
          Failure.INTERRUPTED, "the calling thread was interrupted while the call waited");
    }
  }

  /** A wait for another call to give back a slot: an event, bounded by the deadline. */
  private void awaitSlot(TargetBudget budget) {
    boolean free;
    try {
      free = budget.awaitSlot(remaining());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(
          Failure.INTERRUPTED, "the calling thread was interrupted waiting for a free slot");
    }
    if (!free) {
      throw failure(
          Failure.DEADLINE_EXCEEDED, "the call's deadline passed waiting for a free slot");
    }
  }

  private LlmCallException failure() {
    return failures.noTargetAnswered();
  }

  private LlmCallException failure(Failure kind, String headline) {
    return failures.of(kind, headline);
  }
}
