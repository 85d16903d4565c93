package dev.socra.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.spend.SpendCeiling;
import dev.socra.llm.spend.SpendGate;
import dev.socra.llm.spend.SpendRefusedException;
import dev.socra.llm.testkit.FakeProvider;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spend gate: each attempt's most possible cost is held before it is sent and settled to its
 * real cost after the listeners have heard of it; a refusal sends nothing. Prices: $1 per million
 * input tokens, $2 per million output tokens.
 */
class RouterSpendGateTest {
  static final String PROMPT = "Who pays for the first pilot?";

  @TempDir Path dir;
  @AutoClose FakeProvider fake = FakeProvider.start(0);

  /** What the gate saw, in order, with what the listeners had heard by then. */
  final List<String> seen = new CopyOnWriteArrayList<>();

  @Test
  void eachAttemptHoldsItsMostPossibleCostAndSettlesToTheRealCostAfterTheLedgerHearsIt() {
    ChatRequest request = ChatRequest.of(PROMPT).withMaxTokens(40);
    BigDecimal most =
        new BigDecimal("0.000001")
            .multiply(BigDecimal.valueOf(SpendCeiling.inputTokens(request, null)))
            .add(new BigDecimal("0.000002").multiply(BigDecimal.valueOf(40)));
    List<BigDecimal> heard = new CopyOnWriteArrayList<>();
    SpendGate gate =
        (r, target, mostUsd) -> {
          seen.add("hold " + target + " " + mostUsd.stripTrailingZeros().toPlainString());
          return actual -> seen.add("settle " + actual + " after " + heard.size() + " attempts");
        };
    try (Router router =
        Router.builder(
                new FakeRoutes(dir)
                    .openai("a", fake)
                    .openai("b", fake)
                    .route("a/status=503", "b/ok")
                    .config())
            .spendGate(gate)
            .listener(
                e -> {
                  if (e instanceof RouterEvent.AttemptFinished a && a.attempt().number() > 0) {
                    heard.add(a.attempt().cost());
                  }
                })
            .build()) {
      ChatResponse r = router.complete(request);
      assertThat(r.attempts()).hasSize(2);
      BigDecimal real = r.attempts().get(1).cost();
      assertThat(real).isPositive().isLessThan(most);
      assertThat(seen)
          .containsExactly(
              "hold a/status=503 " + most.stripTrailingZeros().toPlainString(),
              "settle 0 after 1 attempts",
              "hold b/ok " + most.stripTrailingZeros().toPlainString(),
              "settle " + real + " after 2 attempts");
    }
  }

  @Test
  void aRefusedHoldSendsNothingAndFailsTheCallWithWhenTheLimitResets() {
    SpendGate gate =
        (r, target, mostUsd) -> {
          throw new SpendRefusedException("daily cap reached", Duration.ofHours(3));
        };
    try (Router router =
        Router.builder(new FakeRoutes(dir).openai("a", fake).route("a/ok").config())
            .spendGate(gate)
            .build()) {
      assertThatThrownBy(() -> router.complete(ChatRequest.of(PROMPT)))
          .isInstanceOfSatisfying(
              LlmCallException.class,
              e -> {
                assertThat(e.failure()).isEqualTo(LlmCallException.Failure.SPEND_LIMIT);
                assertThat(e.getMessage()).isEqualTo("daily cap reached");
                assertThat(e.retryAfter()).contains(Duration.ofHours(3));
              });
      assertThat(fake.attempts()).as("nothing was sent").isEmpty();
    }
  }

  @Test
  void aStreamWhoseCallerStopsReadingIsRecordedAsAbandonedWithWhatItWasBilledFor() {
    fake.setTokenDelay(Duration.ofMillis(5));
    List<Attempt> recorded = new CopyOnWriteArrayList<>();
    List<BigDecimal> settled = new CopyOnWriteArrayList<>();
    try (Router router =
        Router.builder(new FakeRoutes(dir).openai("a", fake).route("a/tokens=200").config())
            .spendGate((r, target, most) -> settled::add)
            .listener(
                e -> {
                  if (e instanceof RouterEvent.AttemptFinished a) {
                    recorded.add(a.attempt());
                  }
                })
            .build()) {
      int[] tokens = {0};
      assertThatThrownBy(
              () ->
                  router.stream(
                      ChatRequest.of(PROMPT).withMaxTokens(300),
                      t -> {
                        if (++tokens[0] == 5) {
                          throw new IllegalStateException("the client went away");
                        }
                      }))
          .hasMessage("the client went away");
      assertThat(recorded).hasSize(1);
      Attempt a = recorded.getFirst();
      assertThat(a.outcome().kind()).isEqualTo("abandoned");
      assertThat(a.usage().estimated()).isTrue();
      assertThat(a.usage().outputTokens()).isBetween(1, 10);
      assertThat(a.usage().inputTokens()).isPositive();
      assertThat(a.cost()).isPositive();
      assertThat(settled).containsExactly(a.cost());
    }
  }
}
