package dev.socra.llm.internal;

import dev.socra.llm.Attempt;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.ToolCall;
import dev.socra.llm.Usage;
import dev.socra.llm.budget.Reservation;
import dev.socra.llm.budget.TargetBudget;
import dev.socra.llm.config.Capabilities;
import dev.socra.llm.config.Feature;
import dev.socra.llm.config.ProviderConfig;
import dev.socra.llm.outcome.Outcome;
import dev.socra.llm.provider.AttemptResult;
import dev.socra.llm.provider.Exchange;
import dev.socra.llm.provider.schema.AnswerFormat;
import dev.socra.llm.route.TargetId;
import dev.socra.llm.spend.SpendGate;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The send, classify and record steps of one attempt: the request goes through the target's
 * protocol adapter, whose result is already one {@link Outcome}; then usage (reported, else
 * estimated), cost and latency are recorded, and the budget learns the provider's headers and
 * settles the reservation.
 */
final class Sender {
  private static final Logger LOG = LoggerFactory.getLogger(Sender.class);

  /**
   * One attempt's record, and its text.
   *
   * @param fault the adapter itself failed (it threw): the target gets no second try in this call
   * @param shape the features the attempt used (prefill, json_schema, strict …): what a target that
   *     cannot take the request refused
   */
  record Sent(
      Attempt attempt, String text, List<ToolCall> toolCalls, boolean fault, Set<Feature> shape) {}

  /**
   * The features a request uses on a target with these capabilities: its answer format there, a
   * prefill, tools, images, and the sampling parameters the target is sent (those it does not take
   * are left out for it).
   */
  static Set<Feature> shape(ChatRequest request, Capabilities caps, boolean continuing) {
    Set<Feature> shape = EnumSet.noneOf(Feature.class);
    shape.addAll(AnswerFormat.choose(request.format(), caps).features());
    if (continuing) {
      shape.add(Feature.PREFILL);
    }
    if (request.usesTools()) {
      shape.add(Feature.TOOLS);
    }
    if (!request.images().isEmpty()) {
      shape.add(Feature.VISION);
    }
    for (Feature f : request.sampling().features()) {
      if (caps.supports(f)) {
        shape.add(f);
      }
    }
    return Set.copyOf(shape);
  }

  private final RouterContext router;
  private final ChatRequest request;
  private final boolean stream;
  private final Instant deadline;
  private final StreamContinuation text;
  private final CallLog log;

  Sender(
      RouterContext router,
      ChatRequest request,
      boolean stream,
      Instant deadline,
      StreamContinuation text,
      CallLog log) {
    this.router = router;
    this.request = request;
    this.stream = stream;
    this.deadline = deadline;
    this.text = text;
    this.log = log;
  }

  /**
   * Sends one attempt and records it, then settles its spending hold to what it cost (after the
   * record, so a listener counting spend has the real cost before the hold goes).
   *
   * @throws CallerStopped when the caller's sink failed; the target is not blamed, its circuit
   *     permit is given back, and the attempt is recorded as abandoned with what it was billed
   */
  Sent send(
      int number,
      TargetId target,
      boolean continuing,
      Reservation reservation,
      long estimate,
      SpendGate.Hold hold) {
    ProviderConfig provider = router.provider(target);
    TargetBudget budget = router.budgetOf(target);
    String prefill = text.prefillFor(continuing);
    Capabilities caps = router.capabilities(target);
    Instant started = router.clock().instant();
    Exchange exchange =
        new Exchange(
            target,
            provider,
            request,
            prefill,
            stream,
            text.sink(),
            deadline,
            router.config().timeouts(),
            caps);
    int deliveredBefore = text.length();
    boolean toolCallsBefore = text.toolCallStarted();
    AttemptResult result;
    boolean fault = false;
    try {
      result = router.adapter(provider).send(exchange);
    } catch (CallerStopped e) {
      abandoned(number, target, continuing, reservation, started, prefill, deliveredBefore, hold);
      throw e;
    } catch (RuntimeException e) {
      // An adapter (or a stub's responder) must never throw: a bug on the provider's side of the
      // router, counted against the target like a 500, and logged whole so it can be found.
      fault = true;
      LOG.warn(
          "the {} adapter failed on target {}",
          provider.protocol(),
          target,
          Scrubbed.of(e, router.secrets()));
      result =
          AttemptResult.failed(
              new Outcome.Transient(
                  "the adapter failed: "
                      + router
                          .secrets()
                          .redact(e.getClass().getSimpleName() + ": " + e.getMessage())),
              0);
    }
    if (!result.outcome().isSuccess()
        && !(result.outcome() instanceof Outcome.Abandoned)
        && Thread.currentThread().isInterrupted()) {
      // the read failed because the caller's thread was interrupted: not the target's doing
      result =
          new AttemptResult(
              new Outcome.Abandoned("interrupted: " + result.outcome().detail()),
              result.httpStatus(),
              result.text(),
              result.usage(),
              result.timeToFirstToken(),
              result.finishReason(),
              result.limits());
    }
    Duration latency = Duration.between(started, router.clock().instant());
    if (latency.isNegative()) {
      latency = Duration.ZERO; // the wall clock was set back during the attempt
    }
    // what the target wrote, pieces of a tool call the caller saw before a failure included
    boolean produced =
        !result.text().isEmpty()
            || !result.toolCalls().isEmpty()
            || (text.toolCallStarted() && !toolCallsBefore);
    Usage usage = usage(result, produced, prefill);
    // The budget learns what the provider announced and gets back what the request did not use.
    budget.learn(result.limits());
    boolean reached = result.httpStatus() != 0 || produced;
    budget.settle(reservation, reached ? usage : null, estimate);
    // Failed attempts are not billed as completions; a stream that broke after producing text was.
    boolean billed = result.outcome().isSuccess() || produced;
    BigDecimal cost =
        billed
            ? router.config().prices().cost(target, usage.inputTokens(), usage.outputTokens())
            : BigDecimal.ZERO;
    Attempt attempt =
        new Attempt(
            number,
            target,
            result.outcome(),
            result.httpStatus(),
            started,
            latency,
            result.timeToFirstToken(),
            billed ? usage : Usage.NONE,
            cost,
            continuing);
    log.record(attempt);
    hold.settle(cost);
    return new Sent(
        attempt, result.text(), result.toolCalls(), fault, shape(request, caps, prefill != null));
  }

  /**
   * The caller stopped reading mid-attempt (a client went away). The provider has read the prompt
   * and written what was delivered, and bills both: the attempt is recorded as abandoned with that
   * estimated usage, so the ledger neither calls it ok nor forgets what it cost.
   */
  private void abandoned(
      int number,
      TargetId target,
      boolean continuing,
      Reservation reservation,
      Instant started,
      String prefill,
      int deliveredBefore,
      SpendGate.Hold hold) {
    String all = text.text();
    String produced = all.substring(Math.min(deliveredBefore, all.length()));
    Usage usage =
        new Usage(
            router.tokens().countInput(request, prefill), router.tokens().count(produced), true);
    BigDecimal cost =
        router.config().prices().cost(target, usage.inputTokens(), usage.outputTokens());
    router.healthOf(target).record(new Outcome.Abandoned("the caller stopped"), Duration.ZERO);
    router.budgetOf(target).settle(reservation, usage, 0);
    Duration latency = Duration.between(started, router.clock().instant());
    log.record(
        new Attempt(
            number,
            target,
            new Outcome.Abandoned("the caller stopped reading the stream"),
            produced.isEmpty() ? 0 : 200,
            started,
            latency.isNegative() ? Duration.ZERO : latency,
            null,
            usage,
            cost,
            continuing));
    hold.settle(cost);
  }

  private Usage usage(AttemptResult result, boolean produced, String prefill) {
    if (result.usage() != null && produced && result.usage().outputTokens() == 0) {
      // A stream cut before its usage block: the input was reported, the output must be counted.
      return new Usage(result.usage().inputTokens(), router.tokens().count(result.text()), true);
    }
    if (result.usage() != null) {
      return result.usage();
    }
    if (result.outcome().isSuccess() || produced) {
      return new Usage(
          router.tokens().countInput(request, prefill),
          router.tokens().count(result.text()) + router.tokens().count(result.toolCalls()),
          true);
    }
    return Usage.NONE;
  }
}
