package dev.socra.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.llm.Attempt;
import dev.socra.llm.LlmCallException;
import dev.socra.llm.LlmCallException.Failure;
import dev.socra.llm.Usage;
import dev.socra.llm.outcome.Outcome;
import dev.socra.llm.route.TargetId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The table in docs/gateway.md, row by row. */
class CallFailuresTest {
  static final TargetId A = new TargetId("a", "m");

  static Attempt tried(Outcome o) {
    return new Attempt(
        1, A, o, 500, Instant.EPOCH, Duration.ZERO, null, Usage.NONE, BigDecimal.ZERO, false);
  }

  static Attempt skipped(String why) {
    return new Attempt(
        0,
        A,
        new Outcome.Skipped(why),
        0,
        Instant.EPOCH,
        Duration.ZERO,
        null,
        Usage.NONE,
        BigDecimal.ZERO,
        false);
  }

  static GatewayException map(Failure f, Attempt... attempts) {
    return CallFailures.of(new LlmCallException(f, "the router's message", List.of(attempts), ""));
  }

  static void assertMapped(GatewayException e, int status, String code) {
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.getMessage()).isEqualTo("the router's message");
  }

  @Test
  void failuresWithOneMeaning() {
    assertMapped(map(Failure.NO_SUCH_ROUTE), 404, "model_not_found");
    assertMapped(
        map(Failure.REFUSED, tried(new Outcome.Refused("content filter"))), 400, "refused");
    assertMapped(map(Failure.CONTEXT_TOO_LONG), 400, "context_length_exceeded");
    assertMapped(map(Failure.EXCEEDS_EVERY_BUDGET), 413, "request_too_large");
    assertMapped(map(Failure.STREAM_INTERRUPTED), 502, "stream_interrupted");
  }

  @Test
  void limitsEverywhereAre429() {
    Attempt limited = tried(new Outcome.RateLimited(Optional.empty(), "429"));
    Attempt cooling = skipped("cooling down for another 29000ms (rate limited)");
    Attempt budget = skipped("budget: tpm 6000 spent; room in 9000ms");
    assertMapped(
        map(Failure.ALL_TARGETS_FAILED, limited, cooling, budget), 429, "rate_limit_exceeded");
    assertMapped(map(Failure.DEADLINE_EXCEEDED, budget, budget), 429, "rate_limit_exceeded");
    assertMapped(
        map(Failure.ALL_TARGETS_FAILED, tried(new Outcome.QuotaExhausted("402"))),
        429,
        "insufficient_quota");
    // waiting helps the rate-limited target, even if the other one can never take the request
    assertMapped(
        map(Failure.ALL_TARGETS_FAILED, limited, tried(new Outcome.TooLarge("413"))),
        429,
        "rate_limit_exceeded");
  }

  @Test
  void saysWhenToTryAgainWhenTheRouterKnows() {
    Attempt limited = tried(new Outcome.RateLimited(Optional.empty(), "429"));
    GatewayException e =
        CallFailures.of(
            new LlmCallException(
                Failure.ALL_TARGETS_FAILED,
                "the router's message",
                List.of(limited),
                "",
                Duration.ofMillis(7_200)));
    assertMapped(e, 429, "rate_limit_exceeded");
    assertThat(e.retryAfterSeconds()).isEqualTo(8);
    assertThat(map(Failure.ALL_TARGETS_FAILED, limited).retryAfterSeconds()).isZero();
  }

  @Test
  void sizesEverywhereAreTheClientsToFix() {
    assertMapped(
        map(Failure.ALL_TARGETS_FAILED, tried(new Outcome.TooLarge("413"))),
        413,
        "request_too_large");
    assertMapped(
        map(
            Failure.ALL_TARGETS_FAILED,
            skipped("prompt of about 9000 tokens exceeds its context window of 8192")),
        400,
        "context_length_exceeded");
  }

  @Test
  void anythingElseIsTheGatewaysUpstream() {
    Attempt overloaded = tried(new Outcome.Overloaded("503"));
    Attempt limited = tried(new Outcome.RateLimited(Optional.empty(), "429"));
    assertMapped(map(Failure.ALL_TARGETS_FAILED, overloaded, limited), 502, "upstream_failed");
    assertMapped(map(Failure.ATTEMPTS_EXHAUSTED, overloaded), 502, "upstream_failed");
    assertMapped(
        map(Failure.ALL_TARGETS_FAILED, tried(new Outcome.AuthFailed("401"))),
        502,
        "upstream_failed");
    assertMapped(
        map(Failure.ALL_TARGETS_FAILED, skipped("circuit open after repeated failures")),
        503,
        "upstream_unavailable");
    assertMapped(
        map(Failure.DEADLINE_EXCEEDED, tried(new Outcome.Silent("no first token"))),
        504,
        "deadline_exceeded");
  }
}
