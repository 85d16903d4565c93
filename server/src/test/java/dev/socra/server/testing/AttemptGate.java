package dev.socra.server.testing;

import dev.socra.llm.ChatRequest;
import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.event.RouterListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Holds one router call, right after its first attempt that matches has finished, until the test
 * opens the gate (or {@link #PATIENCE} has passed): work stays running (a question half-written, a
 * pipeline stage unfinished) for as long as the test needs, without pacing the stub and hoping the
 * machine is fast enough.
 *
 * <p>The router tells its listeners about an attempt on the call's own thread, so holding the
 * listener holds the call: what the attempt streamed has reached the event log, and nothing after
 * it happens until {@link #open()}. Add it with {@code server.bean(Router.class).addListener(gate)}
 * before the work starts; closing the gate opens it, so a failed test never leaves a call held.
 *
 * <pre>{@code
 * try (AttemptGate gate = AttemptGate.atStage(Stage.SYNTHESIS.id())) {
 *   router.addListener(gate);
 *   ... start the pipeline, read its first events, hang up ...
 *   gate.awaitHeld();          // the synthesis is running and cannot finish
 *   gate.open();
 * }
 * }</pre>
 */
public final class AttemptGate implements RouterListener, AutoCloseable {
  /**
   * Only against a hang: how long {@link #awaitHeld()} waits for a call, and how long a call is
   * held at most, so a test that never opens the gate fails instead of hanging the build.
   */
  public static final Duration PATIENCE = Duration.ofMinutes(2);

  private final Predicate<RouterEvent.AttemptFinished> matches;
  private final AtomicBoolean taken = new AtomicBoolean();
  private final CountDownLatch held = new CountDownLatch(1);
  private final CountDownLatch opened = new CountDownLatch(1);
  private volatile boolean released;

  private AttemptGate(Predicate<RouterEvent.AttemptFinished> matches) {
    this.matches = matches;
  }

  /**
   * Holds the first attempt finished for a request tagged with one of these stages ({@code
   * synthesis}).
   */
  public static AttemptGate atStage(String... stageIds) {
    List<String> stages = List.of(stageIds);
    return new AttemptGate(a -> stages.contains(a.tags().get(ChatRequest.TAG_STAGE)));
  }

  @Override
  public void onEvent(RouterEvent event) {
    if (event instanceof RouterEvent.AttemptFinished a
        && matches.test(a)
        && taken.compareAndSet(false, true)) {
      held.countDown();
      try {
        opened.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        released = true;
      }
    }
  }

  /** Waits until a call is held here. */
  public void awaitHeld() throws InterruptedException {
    if (!held.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("no matching attempt reached the gate within " + PATIENCE);
    }
  }

  /** A call waits here now. */
  public boolean isHeld() {
    return held.getCount() == 0 && !released;
  }

  /** Lets the held call (and every later one) go on. */
  public void open() {
    opened.countDown();
  }

  @Override
  public void close() {
    open();
  }
}
