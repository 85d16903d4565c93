package dev.socra.server.testing;

import dev.socra.llm.time.Sleeper;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The router's sleeper for a test that must catch work mid-stream: the first wait (the stub's pause
 * after its first word) lasts until the test calls {@link #release()}; every later one is real. A
 * question is then provably still being written while the test does what it must (a client leaving,
 * say), on any machine.
 */
public final class HeldSleeper implements Sleeper {
  private final AtomicBoolean first = new AtomicBoolean(true);
  private final CountDownLatch released = new CountDownLatch(1);
  private final CountDownLatch holding = new CountDownLatch(1);

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (first.compareAndSet(true, false)) {
      holding.countDown();
      if (!released.await(AttemptGate.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the held wait");
      }
      return;
    }
    Sleeper.SYSTEM.sleep(duration);
  }

  /** Waits until the first wait has begun: the work is running and holding. */
  public void awaitHeld() throws InterruptedException {
    if (!holding.await(AttemptGate.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("nothing waited within " + AttemptGate.PATIENCE);
    }
  }

  public void release() {
    released.countDown();
  }
}
