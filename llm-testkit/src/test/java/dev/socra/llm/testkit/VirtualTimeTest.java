package dev.socra.llm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Time that passes only when something waits on it. */
class VirtualTimeTest {

  @Test
  void anAutomaticSleepMovesTheClockAtOnce() throws Exception {
    VirtualTime time = VirtualTime.automatic();

    time.sleep(Duration.ofMinutes(90));

    assertThat(time.elapsed()).isEqualTo(Duration.ofMinutes(90));
    assertThat(time.clock().instant()).isEqualTo(VirtualTime.DEFAULT_START.plusSeconds(5400));
    assertThat(time.clock().millis()).isEqualTo(time.now().toEpochMilli());
  }

  @Test
  void eachSleepEndsItsOwnDurationAfterItStarts() throws Exception {
    VirtualTime time = VirtualTime.automatic();

    time.sleep(Duration.ofSeconds(2));
    Instant afterFirst = time.now();
    time.advance(Duration.ofSeconds(1));
    time.sleep(Duration.ofSeconds(5));

    assertThat(afterFirst).isEqualTo(VirtualTime.DEFAULT_START.plusSeconds(2));
    assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void aManualSleepWaitsUntilTheClockIsMovedPastItsEnd() throws Exception {
    VirtualTime time = VirtualTime.manual();
    CompletableFuture<Instant> woke = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                time.sleep(Duration.ofSeconds(10));
                woke.complete(time.now());
              } catch (InterruptedException e) {
                woke.completeExceptionally(e);
              }
            });
    assertThat(time.awaitSleepers(1, Duration.ofSeconds(30))).isTrue();

    time.advance(Duration.ofSeconds(9));
    assertThat(time.sleepers()).isEqualTo(1);
    assertThat(woke).isNotDone();
    time.advance(Duration.ofSeconds(1));

    assertThat(woke.get(30, TimeUnit.SECONDS)).isEqualTo(VirtualTime.DEFAULT_START.plusSeconds(10));
    assertThat(time.sleepers()).isZero();
  }

  @Test
  void steppedTasksWakeInTheOrderOfTheirEnds() throws Exception {
    VirtualTime time = VirtualTime.manual();
    List<Callable<Instant>> tasks =
        List.of(
            () -> {
              time.sleep(Duration.ofSeconds(3));
              return time.now();
            },
            () -> {
              time.sleep(Duration.ofSeconds(1));
              time.sleep(Duration.ofSeconds(1));
              return time.now();
            },
            () -> time.now());

    List<Instant> ends = time.runTogether(tasks, Duration.ofSeconds(30));

    // each woke exactly at its own end: the clock stepped 0 -> 1 -> 2 -> 3
    assertThat(ends)
        .containsExactly(
            VirtualTime.DEFAULT_START.plusSeconds(3),
            VirtualTime.DEFAULT_START.plusSeconds(2),
            VirtualTime.DEFAULT_START);
  }

  @Test
  void aTaskThatFailsIsReported() {
    VirtualTime time = VirtualTime.manual();

    assertThatThrownBy(
            () ->
                time.runTogether(
                    List.<Callable<String>>of(
                        () -> {
                          throw new IllegalStateException("broken");
                        }),
                    Duration.ofSeconds(30)))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void anInterruptedSleeperStopsSleeping() throws Exception {
    VirtualTime time = VirtualTime.manual();
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    Thread sleeper =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    time.sleep(Duration.ofHours(1));
                    interrupted.complete(false);
                  } catch (InterruptedException e) {
                    interrupted.complete(true);
                  }
                });
    assertThat(time.awaitSleepers(1, Duration.ofSeconds(30))).isTrue();

    sleeper.interrupt();

    assertThat(interrupted.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(time.sleepers()).isZero();
    assertThat(time.elapsed()).isZero();
  }

  @Test
  void timeNeverRunsBackwards() {
    assertThatThrownBy(() -> VirtualTime.automatic().advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
