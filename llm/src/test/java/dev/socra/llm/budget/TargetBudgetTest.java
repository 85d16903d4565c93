package dev.socra.llm.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.llm.Usage;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The budget arithmetic, on a clock the test moves. */
class TargetBudgetTest {
  /** A clock the test moves by hand. */
  static final class ManualTime implements TimeMeter {
    long nanos;

    @Override
    public long currentTimeNanos() {
      return nanos;
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }

    void advance(Duration d) {
      nanos += d.toNanos();
    }
  }

  final ManualTime time = new ManualTime();

  TargetBudget groq() {
    return new TargetBudget(
        "groq/llama-3.1-8b-instant",
        new Limits(30, 6_000, 0, 0, 0, 0, 0),
        1.0,
        false,
        new InMemoryBudgetStore(time));
  }

  @Test
  void theSeedsBurstFitsThreeSpecialistsAndTellsTheFourthWhenItCanGo() {
    TargetBudget budget = groq();
    Demand specialist = new Demand(1_500, 400);
    for (int i = 0; i < 3; i++) {
      assertThat(budget.admit(specialist)).isInstanceOf(Admission.Granted.class);
    }
    // 300 tokens left, 1,900 needed: 1,600 more at 100 a second
    assertThat(budget.admit(specialist))
        .isInstanceOfSatisfying(
            Admission.Later.class, l -> assertThat(l.delay()).isEqualTo(Duration.ofSeconds(16)));
    time.advance(Duration.ofSeconds(16));
    assertThat(budget.admit(specialist)).isInstanceOf(Admission.Granted.class);
  }

  @Test
  void aRequestLargerThanTheWholeBudgetNeverFits() {
    assertThat(groq().admit(new Demand(6_000, 400)))
        .isInstanceOfSatisfying(
            Admission.Never.class,
            n -> assertThat(n.reason()).contains("6400").contains("6000 tpm"));
  }

  @Test
  void bookingsQueueFirstComeFirstServed() {
    TargetBudget budget = groq();
    Demand d = new Demand(2_600, 400); // 3,000: two fill the minute
    budget.admit(d);
    budget.admit(d);
    Reservation first = budget.book(d);
    Reservation second = budget.book(d);
    assertThat(first.delay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(second.delay()).isEqualTo(Duration.ofSeconds(60));
    // a newcomer asking now is behind both
    assertThat(budget.earliest(d)).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void openAiStyleBudgetsKeepTheReservedOutputAnthropicGivesItBack() {
    TargetBudget keeps = groq();
    Reservation r = ((Admission.Granted) keeps.admit(new Demand(1_000, 1_000))).reservation();
    keeps.settle(r, new Usage(1_000, 100, false), 1_000);
    assertThat(keeps.available(Dimension.TOKENS_PER_MINUTE)).isEqualTo(4_000);

    TargetBudget refunds =
        new TargetBudget(
            "anthropic/claude-haiku-4-5",
            new Limits(50, 0, 50_000, 10_000, 0, 0, 0),
            1.0,
            true,
            new InMemoryBudgetStore(time));
    Reservation a = ((Admission.Granted) refunds.admit(new Demand(1_000, 1_000))).reservation();
    refunds.settle(a, new Usage(900, 100, false), 1_000);
    assertThat(refunds.available(Dimension.INPUT_TOKENS_PER_MINUTE)).isEqualTo(49_100);
    assertThat(refunds.available(Dimension.OUTPUT_TOKENS_PER_MINUTE)).isEqualTo(9_900);
  }

  @Test
  void aRequestThatNeverReachedTheProviderCostsNothing() {
    TargetBudget budget = groq();
    Reservation r = ((Admission.Granted) budget.admit(new Demand(1_000, 1_000))).reservation();
    budget.settle(r, null, 1_000);
    assertThat(budget.available(Dimension.TOKENS_PER_MINUTE)).isEqualTo(6_000);
    assertThat(budget.available(Dimension.REQUESTS_PER_MINUTE)).isEqualTo(30);
  }

  @Test
  void whatTheProviderSaysIsLeftOnlyEverLowersTheBudget() {
    TargetBudget budget = groq();
    budget.learn(List.of(new LimitObservation(Dimension.TOKENS_PER_MINUTE, -1, 1_000, null)));
    assertThat(budget.available(Dimension.TOKENS_PER_MINUTE)).isEqualTo(1_000);
    budget.learn(List.of(new LimitObservation(Dimension.TOKENS_PER_MINUTE, -1, 5_000, null)));
    assertThat(budget.available(Dimension.TOKENS_PER_MINUTE)).isEqualTo(1_000);
  }

  @Test
  void aLimitTheProviderAnnouncesReplacesTheConfiguredOne() {
    TargetBudget budget = groq();
    budget.learn(List.of(new LimitObservation(Dimension.TOKENS_PER_MINUTE, 30_000, 29_000, null)));
    assertThat(budget.limits().tokensPerMinute()).isEqualTo(30_000);
    assertThat(budget.admit(new Demand(20_000, 400))).isInstanceOf(Admission.Granted.class);
    // and a dimension that was not configured starts being counted
    budget.learn(List.of(new LimitObservation(Dimension.REQUESTS_PER_DAY, 14_400, 14_000, null)));
    assertThat(budget.available(Dimension.REQUESTS_PER_DAY)).isEqualTo(14_000);
  }

  @Test
  void theEstimateIsCalibratedByTheRealUsage() {
    TargetBudget budget = groq();
    for (int i = 0; i < 20; i++) {
      Reservation r = ((Admission.Granted) budget.admit(budget.demand(100, 10))).reservation();
      budget.settle(r, new Usage(130, 10, false), 100);
      time.advance(Duration.ofSeconds(10));
    }
    assertThat(budget.calibration()).isBetween(1.25, 1.31);
    assertThat(budget.demand(100, 10).inputTokens()).isBetween(125L, 131L);
  }

  @Test
  void aConcurrencyLimitHoldsCallsBack() {
    TargetBudget budget =
        new TargetBudget(
            "x/y", Limits.NONE.withConcurrency(1), 1.0, false, new InMemoryBudgetStore(time));
    Reservation r = ((Admission.Granted) budget.admit(new Demand(10, 10))).reservation();
    assertThat(budget.admit(new Demand(10, 10))).isInstanceOf(Admission.Later.class);
    budget.settle(r, new Usage(10, 10, false), 10);
    assertThat(budget.admit(new Demand(10, 10))).isInstanceOf(Admission.Granted.class);
  }

  TargetBudget anthropic() {
    return new TargetBudget(
        "anthropic/claude-haiku-4-5",
        new Limits(0, 0, 50_000, 10_000, 0, 0, 0),
        1.0,
        true,
        new InMemoryBudgetStore(time));
  }

  @Test
  void anthropicsRoundedTokensLeftDoNotShaveTheBudgetAsIfTheyWereExact() {
    TargetBudget budget = anthropic();
    // 600 input tokens spent: 49,400 left, which Anthropic reports rounded as 49,000
    Reservation r = ((Admission.Granted) budget.admit(new Demand(600, 100))).reservation();
    budget.settle(r, new Usage(600, 100, false), 600);
    assertThat(budget.available(Dimension.INPUT_TOKENS_PER_MINUTE)).isEqualTo(49_400);

    budget.learn(
        List.of(
            new LimitObservation(Dimension.INPUT_TOKENS_PER_MINUTE, 50_000, 49_000, null, 1000)));
    assertThat(budget.available(Dimension.INPUT_TOKENS_PER_MINUTE))
        .as("49,000 stands for anything up to 49,500: our 49,400 is within it")
        .isEqualTo(49_400);

    budget.learn(
        List.of(
            new LimitObservation(Dimension.INPUT_TOKENS_PER_MINUTE, 50_000, 47_000, null, 1000)));
    assertThat(budget.available(Dimension.INPUT_TOKENS_PER_MINUTE))
        .as("someone else spent from the same key: lowered, to the most 47,000 can stand for")
        .isEqualTo(47_500);

    budget.learn(
        List.of(new LimitObservation(Dimension.INPUT_TOKENS_PER_MINUTE, 50_000, 47_000, null)));
    assertThat(budget.available(Dimension.INPUT_TOKENS_PER_MINUTE))
        .as("an exact figure is taken as it is")
        .isEqualTo(47_000);
  }
}
