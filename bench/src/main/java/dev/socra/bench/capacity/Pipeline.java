package dev.socra.bench.capacity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The seed's pipeline for one session: five specialists fired together, then a synthesis of their
 * answers, then a devil's advocate on the synthesis.
 *
 * <p>Sizes. The specialists are the seed's burst as the issue states it: about 1,500 input and 400
 * output tokens each, 9,500 tokens together. The seed's table (per session: specialists 24,000 in /
 * 3,500 out, synthesis 12,700 / 2,500, devil's advocate 2,800 / 600) is scaled to one pipeline by
 * the factor that turns its specialist row into this burst: inputs by 7,500 / 24,000 and outputs by
 * 2,000 / 3,500. That gives the synthesis 4,000 in / 1,400 out and the devil's advocate 900 in /
 * 350 out (rounded), 16,150 tokens a session as the Groq-like fake charges them.
 *
 * <p>Every stage runs even when an earlier call failed (a synthesis of four specialists is still
 * shown to the user), so each strategy puts the same demand on the providers.
 */
final class Pipeline {

  static final List<Stage> SPECIALISTS =
      List.of(
          new Stage("market specialist", 1_500, 400),
          new Stage("finance specialist", 1_500, 400),
          new Stage("technology specialist", 1_500, 400),
          new Stage("legal specialist", 1_500, 400),
          new Stage("customer specialist", 1_500, 400));
  static final Stage SYNTHESIS = new Stage("synthesis", 4_000, 1_400);
  static final Stage DEVILS_ADVOCATE = new Stage("devil's advocate", 900, 350);

  /** Calls in one session. */
  static final int CALLS = SPECIALISTS.size() + 2;

  /** One call as a strategy makes it. */
  interface Caller {
    CallOutcome call(Stage stage, Prompt prompt);
  }

  private Pipeline() {}

  /** The seed's shape: the specialists at once, then the synthesis, then the devil's advocate. */
  static SessionResult parallel(int session, Caller caller) {
    long t0 = System.nanoTime();
    List<CallOutcome> calls = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<CallOutcome>> burst = new ArrayList<>();
      for (Stage s : SPECIALISTS) {
        burst.add(pool.submit(() -> caller.call(s, Prompt.of(s, session))));
      }
      for (Future<CallOutcome> f : burst) {
        calls.add(join(f));
      }
    }
    calls.add(caller.call(SYNTHESIS, Prompt.of(SYNTHESIS, session)));
    calls.add(caller.call(DEVILS_ADVOCATE, Prompt.of(DEVILS_ADVOCATE, session)));
    return new SessionResult(session, Duration.ofNanos(System.nanoTime() - t0), calls);
  }

  /**
   * The seed's work-around: the specialists one after another, each followed by {@code gap} before
   * the next call (five gaps, the seed's "+7.5 s per pipeline" at 1.5 s); the synthesis and the
   * devil's advocate were sequential already.
   */
  static SessionResult sequential(int session, Caller caller, Duration gap) {
    long t0 = System.nanoTime();
    List<CallOutcome> calls = new ArrayList<>();
    for (Stage s : SPECIALISTS) {
      calls.add(caller.call(s, Prompt.of(s, session)));
      sleep(gap);
    }
    calls.add(caller.call(SYNTHESIS, Prompt.of(SYNTHESIS, session)));
    calls.add(caller.call(DEVILS_ADVOCATE, Prompt.of(DEVILS_ADVOCATE, session)));
    return new SessionResult(session, Duration.ofNanos(System.nanoTime() - t0), calls);
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static <T> T join(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a call crashed", e.getCause());
    }
  }
}
