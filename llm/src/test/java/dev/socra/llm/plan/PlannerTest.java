package dev.socra.llm.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.socra.llm.budget.Limits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The planner's arithmetic on the seed's cases, each checked against a figure worked out by hand.
 */
class PlannerTest {
  /** 100 output tokens a second and no time to first token: a 400-token answer takes 4 s. */
  static final Speed STEADY = new Speed(Duration.ZERO, 100);

  static final Limits GROQ_FREE = new Limits(30, 6_000, 0, 0, 0, 0, 0);
  static final PlanTarget GROQ = PlanTarget.of("groq/llama-3.1-8b-instant", GROQ_FREE, STEADY);
  static final PlanTarget GEMINI =
      PlanTarget.of("google/gemini-2.5-flash-lite", new Limits(0, 250_000, 0, 0, 0, 0, 0), STEADY);

  /** The seed's burst: five specialists of 1,500 in and 400 out, fired together. */
  static final Profile SEED_BURST =
      new Profile("seed burst", List.of(new Stage("specialists", 5, 1_500, 400, true)));

  static Plan plan(Profile profile, PlanTarget... route) {
    return new Planner("test", List.of(route), Duration.ofSeconds(180)).plan(profile, 1);
  }

  static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  @Test
  void groqAloneCannotTakeTheSeedsBurstSoTwoSpecialistsWait() {
    Plan plan = plan(SEED_BURST, GROQ);
    Tally t = plan.stages().get(0).calls();
    // 3 x 1,900 fit in 6,000; the 4th needs 1,600 more (16 s at 100 a second), and the 5th,
    // booked behind it, 1,900 more again: 35 s
    assertThat(t.takenBy()).containsExactly(java.util.Map.entry(GROQ.id(), 5));
    assertThat(t.waited()).isEqualTo(2);
    assertThat(seconds(t.longestWait())).isCloseTo(35.0, within(0.01));
    assertThat(seconds(plan.wall())).isCloseTo(39.0, within(0.01));
    assertThat(t.failed()).isZero();
    assertThat(plan.warnings())
        .anySatisfy(
            w ->
                assertThat(w)
                    .startsWith("WARNING: specialists: 2 of 5 calls wait for budget, up to 35.0 s")
                    .contains("6000 tpm"));
    assertThat(plan.breaksAt().sessionsPerMinute()).isEqualTo(1);
  }

  @Test
  void groqThenARoomyGeminiSpillsTheBurstOverAndNothingWaits() {
    Plan plan = plan(SEED_BURST, GROQ, GEMINI);
    Tally t = plan.stages().get(0).calls();
    assertThat(t.takenBy()).containsEntry(GROQ.id(), 3).containsEntry(GEMINI.id(), 2);
    assertThat(t.spilled()).isEqualTo(2);
    assertThat(t.spillReason()).startsWith(GROQ.id() + ": no room for 1900 tokens");
    assertThat(t.waited()).isZero();
    assertThat(seconds(plan.wall())).isCloseTo(4.0, within(0.01));
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void aCallLargerThanEveryTargetsBudgetIsReportedAtOnceNotWaitedOn() {
    PlanTarget small = PlanTarget.of("small/m", new Limits(0, 8_000, 0, 0, 0, 0, 0), STEADY);
    Profile profile =
        new Profile(
            "big synthesis",
            List.of(
                new Stage("synthesis", 1, 12_700, 2_500, false),
                new Stage("devil's advocate", 1, 2_800, 600, false)));
    Plan plan = plan(profile, GROQ, small);
    Tally synthesis = plan.stages().get(0).calls();
    assertThat(synthesis.tooLarge()).isEqualTo(1);
    assertThat(synthesis.takenBy()).isEmpty();
    assertThat(plan.stages().get(0).wall()).isZero();
    // the next stage still runs, at once
    assertThat(plan.stages().get(1).calls().takenBy()).containsEntry(GROQ.id(), 1);
    assertThat(seconds(plan.wall())).isCloseTo(6.0, within(0.01));
    assertThat(plan.warnings())
        .anySatisfy(
            w ->
                assertThat(w)
                    .startsWith("WARNING: synthesis: 1 of 1 calls (12,700 in / 2,500 out) fit no")
                    .contains("more than its whole budget of 6000 tpm")
                    .contains("more than its whole budget of 8000 tpm"));
  }

  @Test
  void aWaitLongerThanTheDeadlineFailsTheCallAsTheRouterWould() {
    // 5,500-token specialists on 6,000 tpm: the 1st leaves 500, then each booking waits 55 s
    // longer than the one before it (50, 105, 160 s), and the 5th's 215 s pass the deadline
    Profile profile =
        new Profile("specialists", List.of(new Stage("specialists", 5, 4_800, 700, true)));
    Plan plan = plan(profile, GROQ);
    Tally t = plan.stages().get(0).calls();
    assertThat(t.takenBy()).containsEntry(GROQ.id(), 4);
    assertThat(t.pastDeadline()).isEqualTo(1);
    assertThat(seconds(t.longestWait())).isCloseTo(160.0, within(0.01));
    assertThat(plan.warnings())
        .anySatisfy(w -> assertThat(w).contains("1 of 5 calls would wait past the 3 min deadline"));
  }

  @Test
  void aSequentialStageWaitsOnlyWhenTheRefillCannotKeepUp() {
    // 2,886 a turn, 5 s each: the second fits after 500 refilled, the third does not
    Profile turns = new Profile("turns", List.of(new Stage("conversation", 3, 2_386, 500, false)));
    Plan plan = plan(turns, GROQ);
    Tally t = plan.stages().get(0).calls();
    assertThat(t.waited()).isEqualTo(1);
    // after two turns, at 10 s: 6,000 - 5,772 + 1,000 = 1,228 left; 1,658 more take 16.58 s
    assertThat(seconds(t.longestWait())).isCloseTo(16.58, within(0.01));
  }

  @Test
  void sessionsArrivingFasterThanTheRequestLimitRefillsBreakAtTheRateTheArithmeticGives() {
    // 15 rpm, 5 calls a session: 3 a minute refill exactly; at 4 a minute (one every 15 s, 3.75
    // requests refilled) the bucket loses 1.25 a session and the 10th session waits
    PlanTarget rpm =
        PlanTarget.of("google/gemini-2.5-flash-lite", new Limits(15, 0, 0, 0, 0, 0, 0), STEADY);
    Plan plan = new Planner("test", List.of(rpm), Duration.ofSeconds(180)).plan(SEED_BURST, 3);
    assertThat(plan.load().breaks()).isFalse();
    assertThat(plan.load().sessions()).isEqualTo(9);
    assertThat(plan.breaksAt().sessionsPerMinute()).isEqualTo(4);
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void theLoadRunSpillsTheSameWayAndReportsMedianAndWorstWall() {
    Plan plan =
        new Planner("test", List.of(GROQ, GEMINI), Duration.ofSeconds(180)).plan(SEED_BURST, 2);
    LoadPlan load = plan.load();
    assertThat(load.sessions()).isEqualTo(6);
    assertThat(load.calls().calls()).isEqualTo(30);
    assertThat(load.calls().waited()).isZero();
    assertThat(seconds(load.medianWall())).isCloseTo(4.0, within(0.01));
    assertThat(load.calls().spilled()).isPositive();
  }

  @Test
  void aDayLimitThatRunsOutAtTheRateIsAWarning() {
    PlanTarget daily =
        PlanTarget.of("google/gemini-2.5-flash-lite", new Limits(0, 0, 0, 0, 1_000, 0, 0), STEADY);
    Plan plan = new Planner("test", List.of(daily), Duration.ofSeconds(180)).plan(SEED_BURST, 2);
    // 10 requests a minute: 1,000 last 100 minutes
    assertThat(plan.warnings())
        .containsExactly(
            "WARNING: google/gemini-2.5-flash-lite: its 1,000 requests a day run out after 1.7 h"
                + " at 2 sessions a minute (10 requests a minute)");
  }

  @Test
  void aDayLimitIsSpentNoFasterThanTheMinuteLimitAllows() {
    PlanTarget groq =
        PlanTarget.of(
            "groq/llama-3.1-8b-instant", new Limits(30, 6_000, 0, 0, 0, 500_000, 0), STEADY);
    Plan plan = new Planner("test", List.of(groq), Duration.ofSeconds(600)).plan(SEED_BURST, 10);
    // 95,000 tokens a minute asked, 6,000 served: 500,000 last 83 minutes, not 5
    assertThat(plan.warnings())
        .contains(
            "WARNING: groq/llama-3.1-8b-instant: its 500,000 tokens a day run out after 1.4 h"
                + " at 10 sessions a minute (6,000 tokens a minute)");
  }

  @Test
  void costIsPricedPerServedCallAndUnpricedTargetsAreNamedNotFree() {
    PlanTarget priced =
        GROQ.withPrice(
            new dev.socra.llm.pricing.Price(
                new java.math.BigDecimal("0.10"), new java.math.BigDecimal("0.40"), null, "test"));
    Plan plan = plan(SEED_BURST, priced, GEMINI);
    // 3 on the priced target: 3 x (1,500 x 0.10 + 400 x 0.40) per million = $0.00093
    assertThat(plan.session().cost()).isEqualByComparingTo("0.00093");
    assertThat(plan.session().unpriced()).containsExactly(GEMINI.id());
    assertThat(PlanText.render(plan))
        .contains("cost per session: $0.00093 plus unpriced calls on google/gemini-2.5-flash-lite");
  }

  @Test
  void theDefaultProfileIsTheSeedsTable() {
    Profile p = Profile.socraDefault();
    assertThat(p.calls()).isEqualTo(14);
    assertThat(p.inputTokens()).isCloseTo(56_200, within(10L));
    assertThat(p.outputTokens()).isEqualTo(10_100);
    assertThat(p.stages())
        .extracting(Stage::name, Stage::calls, Stage::parallel)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("conversation", 7, false),
            org.assertj.core.groups.Tuple.tuple("specialists", 5, true),
            org.assertj.core.groups.Tuple.tuple("synthesis", 1, false),
            org.assertj.core.groups.Tuple.tuple("devil's advocate", 1, false));
  }

  @Test
  void sixtySessionsAMinuteArePlanned() {
    // Simulated time: three minutes of sixty sessions a minute plan without waiting for them.
    Plan plan =
        new Planner("test", List.of(GROQ, GEMINI), Duration.ofSeconds(180))
            .plan(Profile.socraDefault(), 60);
    assertThat(plan.load().sessions()).isEqualTo(180);
    assertThat(plan.breaksAt()).isNotNull();
  }
}
