package dev.socra.llm.internal;

import dev.socra.llm.Attempt;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.LlmCallException;
import dev.socra.llm.LlmCallException.Failure;
import dev.socra.llm.TokenSink;
import dev.socra.llm.Usage;
import dev.socra.llm.budget.Admission;
import dev.socra.llm.budget.Demand;
import dev.socra.llm.budget.Reservation;
import dev.socra.llm.budget.TargetBudget;
import dev.socra.llm.config.Protocol;
import dev.socra.llm.config.ProviderConfig;
import dev.socra.llm.config.RouterConfig;
import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.outcome.Outcome;
import dev.socra.llm.provider.AttemptResult;
import dev.socra.llm.provider.Exchange;
import dev.socra.llm.provider.ProviderAdapter;
import dev.socra.llm.route.FailoverPolicy;
import dev.socra.llm.route.FailoverPolicy.Decision;
import dev.socra.llm.route.TargetHealth;
import dev.socra.llm.route.TargetId;
import dev.socra.llm.spend.SpendCeiling;
import dev.socra.llm.spend.SpendGate;
import dev.socra.llm.spend.SpendRefusedException;
import dev.socra.llm.tokens.TokenEstimator;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One call through a route: the attempt loop. Each step is a small piece (admission by the target's
 * health, the protocol adapter, the outcome's classification, the failover decision), and this
 * class only strings them together and keeps the books.
 */
public final class Call {
  private final long id;
  private final ChatRequest request;
  private final boolean stream;
  private final TokenSink caller;
  private final List<TargetId> route;
  private final RouterConfig config;
  private final Map<Protocol, ProviderAdapter> adapters;
  private final Map<TargetId, TargetHealth> health;
  private final Map<TargetId, TargetBudget> budgets;
  private final FailoverPolicy policy;
  private final TokenEstimator tokens;
  private final Clock clock;
  private final Consumer<RouterEvent> events;
  private final SpendGate spend;

  private final Instant deadline;
  private final List<Attempt> attempts = new ArrayList<>();
  private int attemptsMade;

  /** Text the caller's sink has received: a stream's committed answer so far. */
  private final StringBuilder delivered = new StringBuilder();

  /** Whitespace trimmed off a prefill, to be dropped where the continuation repeats it. */
  private String skipLeading = "";

  /** The largest context window that was found too small for this prompt. */
  private int tooSmallContext;

  /** Targets that failed in this call for a reason waiting will not cure. */
  private final java.util.Set<TargetId> exhausted = new java.util.HashSet<>();

  /** Targets whose budget had no room in the last pass, with the demand that did not fit. */
  private final Map<TargetId, Demand> waitingForRoom = new java.util.LinkedHashMap<>();

  /** Targets whose whole budget is smaller than this request. */
  private final List<String> neverFits = new ArrayList<>();

  /**
   * Targets that can never take this request (too small a context or budget, avoided): left out
   * when working out how long until the route is free again.
   */
  private final java.util.Set<TargetId> unusable = new java.util.HashSet<>();

  private int estimatedInput = -1;

  public Call(
      long id,
      ChatRequest request,
      boolean stream,
      TokenSink caller,
      List<TargetId> route,
      RouterConfig config,
      Map<Protocol, ProviderAdapter> adapters,
      Map<TargetId, TargetHealth> health,
      Map<TargetId, TargetBudget> budgets,
      FailoverPolicy policy,
      TokenEstimator tokens,
      Clock clock,
      Consumer<RouterEvent> events,
      SpendGate spend) {
    this.id = id;
    this.request = request;
    this.stream = stream;
    this.caller = caller;
    this.route = route;
    this.config = config;
    this.adapters = adapters;
    this.health = health;
    this.budgets = budgets;
    this.policy = policy;
    this.tokens = tokens;
    this.clock = clock;
    this.events = events;
    this.spend = spend;
    Duration budget =
        request.deadline() != null ? request.deadline() : config.timeouts().deadline();
    this.deadline = clock.instant().plus(budget);
  }

  public ChatResponse run() {
    try {
      ChatResponse response = attemptAll();
      events.accept(new RouterEvent.CallSucceeded(id, request.route(), response, request.tags()));
      return response;
    } catch (LlmCallException e) {
      events.accept(new RouterEvent.CallFailed(id, request.route(), e, request.tags()));
      throw e;
    } catch (RuntimeException e) {
      // The caller's own sink failed (a client went away, say): the call ends, and says so.
      events.accept(
          new RouterEvent.CallFailed(
              id,
              request.route(),
              new LlmCallException(
                  Failure.CALLER_ABORTED,
                  "the caller stopped the call: " + e,
                  attempts,
                  delivered.toString()),
              request.tags()));
      throw e;
    }
  }

  private ChatResponse attemptAll() {
    while (true) {
      waitingForRoom.clear();
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
              .map(health::get)
              .map(TargetHealth::availableAt)
              .flatMap(Optional::stream)
              .min(Instant::compareTo);
      TargetId roomAt = null;
      Duration roomIn = null;
      for (var w : waitingForRoom.entrySet()) {
        Duration d = budgets.get(w.getKey()).earliest(w.getValue());
        if (roomIn == null || d.compareTo(roomIn) < 0) {
          roomAt = w.getKey();
          roomIn = d;
        }
      }
      Instant now = clock.instant();
      boolean roomFirst =
          roomAt != null && (cooled.isEmpty() || now.plus(roomIn).isBefore(cooled.get()));
      if (roomFirst && budgets.get(roomAt).concurrencyFull()) {
        // room in the buckets, but no free slot: look again when a call may have finished
        if (!now.plus(roomIn).isBefore(deadline)) {
          throw failure(
              Failure.DEADLINE_EXCEEDED, "the call's deadline passed waiting for a free slot");
        }
        sleep(roomIn);
        continue;
      }
      if (roomFirst) {
        TargetBudget budget = budgets.get(roomAt);
        Reservation booked = budget.book(waitingForRoom.get(roomAt));
        if (!clock.instant().plus(booked.delay()).isBefore(deadline)) {
          budget.settle(booked, null, 0);
          throw failure();
        }
        sleep(booked.delay());
        Optional<ChatResponse> done = tryTarget(roomAt, booked);
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
   * Tries one target, with its retry on the same target when the policy allows one.
   *
   * @param booked room already booked in this target's budget, or null to ask for room now
   */
  private Optional<ChatResponse> tryTarget(TargetId target, Reservation booked) {
    ProviderConfig provider = config.provider(target);
    TargetHealth targetHealth = health.get(target);
    boolean continuing = !delivered.isEmpty();
    TargetBudget budget = budgets.get(target);
    if (request.avoid().contains(target)) {
      release(budget, booked);
      exhausted.add(target);
      unusable.add(target);
      skip(target, "avoided by the caller");
      return Optional.empty();
    }
    if (continuing && !provider.capabilities().prefill()) {
      release(budget, booked);
      skip(target, "cannot continue a started stream (no assistant prefill)");
      return Optional.empty();
    }
    if (provider.contextWindow() <= tooSmallContext) {
      unusable.add(target);
      skip(target, "context window " + provider.contextWindow() + " is too small for this prompt");
      return Optional.empty();
    }
    if (inputEstimate() > provider.contextWindow()) {
      unusable.add(target);
      skip(
          target,
          "prompt of about "
              + inputEstimate()
              + " tokens exceeds its context window of "
              + provider.contextWindow());
      return Optional.empty();
    }
    int tries = 0;
    while (true) {
      Optional<String> refused = targetHealth.admit(tries > 0);
      if (refused.isPresent()) {
        release(budget, booked);
        skip(target, refused.get());
        return Optional.empty();
      }
      long estimate =
          continuing ? tokens.countInput(request, delivered.toString()) : inputEstimate();
      Reservation reservation = booked;
      booked = null;
      if (reservation == null) {
        Demand demand = budget.demand(withMargin(estimate), request.maxTokens());
        switch (budget.admit(demand)) {
          case Admission.Never n -> {
            targetHealth.record(new Outcome.Skipped(n.reason()), Duration.ZERO);
            skip(target, n.reason());
            neverFits.add(target + ": " + n.reason());
            unusable.add(target);
            exhausted.add(target);
            return Optional.empty();
          }
          case Admission.Later l -> {
            targetHealth.record(new Outcome.Skipped(l.reason()), Duration.ZERO);
            skip(target, "budget: " + l.reason() + "; room in " + l.delay().toMillis() + "ms");
            waitingForRoom.put(target, demand);
            return Optional.empty();
          }
          case Admission.Granted g -> reservation = g.reservation();
        }
      }
      if (attemptsMade >= config.retry().maxAttempts()) {
        budget.settle(reservation, null, 0);
        targetHealth.record(new Outcome.Skipped("attempt budget spent"), Duration.ZERO);
        throw failure(
            Failure.ATTEMPTS_EXHAUSTED,
            "the call's " + config.retry().maxAttempts() + " attempts are spent");
      }
      if (!clock.instant().isBefore(deadline)) {
        budget.settle(reservation, null, 0);
        targetHealth.record(new Outcome.Skipped("deadline passed"), Duration.ZERO);
        throw failure(Failure.DEADLINE_EXCEEDED, "the call's deadline passed");
      }
      SpendGate.Hold hold;
      try {
        hold = spend.hold(request, target, mostCost(target, continuing));
      } catch (SpendRefusedException e) {
        budget.settle(reservation, null, 0);
        targetHealth.record(new Outcome.Skipped("spending limit reached"), Duration.ZERO);
        throw new LlmCallException(
            Failure.SPEND_LIMIT, e.getMessage(), attempts, delivered.toString(), e.retryAfter());
      }
      tries++;
      Attempt attempt = attempt(target, provider, continuing, reservation, estimate, hold);
      targetHealth.record(attempt.outcome(), attempt.latency());
      if (attempt.outcome().isSuccess()) {
        return Optional.of(response(target, attempt));
      }
      if (attempt.outcome() instanceof Outcome.ContextTooLong) {
        tooSmallContext = Math.max(tooSmallContext, provider.contextWindow());
        unusable.add(target);
      }
      if (attempt.outcome() instanceof Outcome.TooLarge) {
        unusable.add(target);
      }
      Decision decision = policy.decide(attempt.outcome(), tries, remaining());
      switch (decision) {
        case Decision.Done d -> {
          return Optional.of(response(target, attempt));
        }
        case Decision.GiveUp g -> {
          if (attempt.outcome() instanceof Outcome.Abandoned) {
            throw failure(
                Failure.DEADLINE_EXCEEDED,
                "the call's deadline passed while waiting for " + target);
          }
          if (continuing) {
            // A refusal of a continuation may be a refusal of the prefill: another target may
            // take it.
            exhausted.add(target);
            return Optional.empty();
          }
          throw failure(
              Failure.REFUSED, "refused by " + target + ": " + attempt.outcome().detail());
        }
        case Decision.NextTarget n -> {
          if (!(attempt.outcome() instanceof Outcome.RateLimited)) {
            exhausted.add(target);
          }
          return Optional.empty();
        }
        case Decision.RetrySame r -> {
          boolean midStream = !delivered.isEmpty();
          if ((midStream && !provider.capabilities().prefill())
              || r.after().compareTo(remaining()) >= 0) {
            exhausted.add(target);
            return Optional.empty();
          }
          sleep(r.after());
          continuing = midStream;
        }
      }
    }
  }

  /**
   * The estimate with a small margin: calibration is one factor per target, learned mostly on short
   * prompts, so a long prompt can be undercounted by a few dozen tokens, and a request admitted at
   * the very edge of a bucket would then be refused.
   */
  private static long withMargin(long estimate) {
    return (long) Math.ceil(estimate * 1.03) + 8;
  }

  /**
   * The most one attempt on {@code target} can cost: every input token it can possibly be billed
   * for and all of {@code max_tokens}, at the target's price.
   */
  private BigDecimal mostCost(TargetId target, boolean continuing) {
    long input = SpendCeiling.inputTokens(request, continuing ? delivered.toString() : null);
    return config
        .prices()
        .cost(target, (int) Math.min(Integer.MAX_VALUE, input), request.maxTokens());
  }

  private static void release(TargetBudget budget, Reservation booked) {
    if (booked != null) {
      budget.settle(booked, null, 0);
    }
  }

  private Attempt attempt(
      TargetId target,
      ProviderConfig provider,
      boolean continuing,
      Reservation reservation,
      long estimate,
      SpendGate.Hold hold) {
    attemptsMade++;
    String prefill = null;
    if (continuing) {
      prefill = delivered.toString().stripTrailing();
      skipLeading = delivered.substring(prefill.length());
    }
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    Exchange exchange =
        new Exchange(
            target, provider, request, prefill, stream, this::deliver, deadline, config.timeouts());
    int deliveredBefore = delivered.length();
    AttemptResult result;
    try {
      result = adapters.get(provider.protocol()).send(exchange);
    } catch (RuntimeException e) {
      // Thrown by the caller's sink: the client went away mid-stream. The provider has read the
      // prompt and written what was delivered, and bills both: the attempt is recorded as
      // abandoned with that estimated usage, so the ledger neither calls it ok nor forgets it.
      String produced = delivered.substring(Math.min(deliveredBefore, delivered.length()));
      Usage usage = new Usage(tokens.countInput(request, prefill), tokens.count(produced), true);
      BigDecimal cost = config.prices().cost(target, usage.inputTokens(), usage.outputTokens());
      health.get(target).record(new Outcome.Abandoned("the caller stopped"), Duration.ZERO);
      budgets.get(target).settle(reservation, usage, 0);
      record(
          new Attempt(
              attemptsMade,
              target,
              new Outcome.Abandoned("the caller stopped reading the stream"),
              produced.isEmpty() ? 0 : 200,
              started,
              Duration.ofNanos(System.nanoTime() - t0),
              null,
              usage,
              cost,
              continuing));
      hold.settle(cost);
      throw e;
    }
    Duration latency = Duration.ofNanos(System.nanoTime() - t0);
    if (result.outcome().isSuccess()) {
      lastText = result.text();
    }
    boolean produced = !result.text().isEmpty();
    Usage usage;
    if (result.usage() != null && produced && result.usage().outputTokens() == 0) {
      // A stream cut before its usage block: the input was reported, the output must be counted.
      usage = new Usage(result.usage().inputTokens(), tokens.count(result.text()), true);
    } else if (result.usage() != null) {
      usage = result.usage();
    } else if (result.outcome().isSuccess() || produced) {
      usage = new Usage(tokens.countInput(request, prefill), tokens.count(result.text()), true);
    } else {
      usage = Usage.NONE;
    }
    // The budget learns what the provider announced and gets back what the request did not use.
    TargetBudget budget = budgets.get(target);
    budget.learn(result.limits());
    boolean reached = result.httpStatus() != 0 || produced;
    budget.settle(reservation, reached ? usage : null, estimate);
    // Failed attempts are not billed as completions; a stream that broke after producing text was.
    boolean billed = result.outcome().isSuccess() || produced;
    BigDecimal cost =
        billed
            ? config.prices().cost(target, usage.inputTokens(), usage.outputTokens())
            : BigDecimal.ZERO;
    Attempt attempt =
        new Attempt(
            attemptsMade,
            target,
            result.outcome(),
            result.httpStatus(),
            started,
            latency,
            result.timeToFirstToken(),
            billed ? usage : Usage.NONE,
            cost,
            continuing);
    record(attempt); // the listeners (the ledger) count the real cost before the hold goes
    hold.settle(cost);
    return attempt;
  }

  /** The sink every adapter writes to: drops a repeated prefill whitespace, then commits. */
  private void deliver(String token) {
    String t = token;
    while (!skipLeading.isEmpty() && !t.isEmpty() && t.charAt(0) == skipLeading.charAt(0)) {
      t = t.substring(1);
      skipLeading = skipLeading.substring(1);
    }
    if (!t.isEmpty()) {
      skipLeading = "";
      delivered.append(t);
      caller.onToken(t);
    }
  }

  private void skip(TargetId target, String why) {
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
            !delivered.isEmpty()));
  }

  private void record(Attempt attempt) {
    attempts.add(attempt);
    events.accept(new RouterEvent.AttemptFinished(id, request.route(), attempt, request.tags()));
  }

  private ChatResponse response(TargetId target, Attempt last) {
    Usage total = Usage.NONE;
    BigDecimal cost = BigDecimal.ZERO;
    for (Attempt a : attempts) {
      total = total.plus(a.usage());
      cost = cost.add(a.cost());
    }
    String text = stream ? delivered.toString() : lastText;
    return new ChatResponse(text, target, attempts, total, cost, last.outcome().detail());
  }

  private String lastText = "";

  private int inputEstimate() {
    if (estimatedInput < 0) {
      estimatedInput = tokens.countInput(request, null);
    }
    return estimatedInput;
  }

  private Duration remaining() {
    Duration d = Duration.between(clock.instant(), deadline);
    return d.isNegative() ? Duration.ZERO : d;
  }

  private void sleep(Duration d) {
    if (d.isNegative() || d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(Failure.DEADLINE_EXCEEDED, "interrupted while waiting to retry");
    }
  }

  private LlmCallException failure() {
    if (!neverFits.isEmpty() && neverFits.size() == route.size()) {
      return failure(
          Failure.EXCEEDS_EVERY_BUDGET,
          "the request is larger than every target's whole budget ("
              + String.join("; ", neverFits)
              + ")");
    }
    if (!delivered.isEmpty()) {
      return failure(
          Failure.STREAM_INTERRUPTED,
          "the answer was cut off after "
              + delivered.length()
              + " characters and no target could continue it");
    }
    if (tooSmallContext > 0
        && attempts.stream()
            .noneMatch(a -> a.number() > 0 && !(a.outcome() instanceof Outcome.ContextTooLong))) {
      return failure(
          Failure.CONTEXT_TOO_LONG,
          "the prompt is too long for every target on route '" + request.route() + "'");
    }
    return failure(
        Failure.ALL_TARGETS_FAILED, "every target on route '" + request.route() + "' failed");
  }

  private LlmCallException failure(Failure kind, String headline) {
    StringBuilder m = new StringBuilder(headline);
    Attempt cause = null;
    for (Attempt a : attempts) {
      if (a.number() > 0) {
        cause = a;
      }
    }
    if (cause == null && !attempts.isEmpty()) {
      cause = attempts.getLast();
    }
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
    return new LlmCallException(kind, m.toString(), attempts, delivered.toString(), retryIn);
  }

  /**
   * When every target of the route is only cooling down or out of room in its budget, how long
   * until the first one is free again: what a person (or a client's Retry-After) needs to know.
   * Null otherwise.
   */
  private Duration retryIn() {
    Instant now = clock.instant();
    Instant first = null;
    for (TargetId t : route) {
      if (unusable.contains(t)) {
        continue; // can never take this call: says nothing about when to try again
      }
      Optional<Instant> at = health.get(t).availableAt();
      Demand waiting = waitingForRoom.get(t);
      if (at.isEmpty() && waiting != null) {
        // no room in the target's own budget: free again when its buckets have refilled enough
        at = Optional.of(now.plus(budgets.get(t).earliest(waiting)));
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
