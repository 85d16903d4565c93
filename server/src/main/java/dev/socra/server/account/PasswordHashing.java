package dev.socra.server.account;

import dev.socra.server.ServerSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where password hashes are computed: Argon2id on a few platform threads of their own ({@code
 * SOCRA_HASH_CONCURRENCY}, half the cores by default), never on the request's thread.
 *
 * <p>Argon2 is tens of milliseconds of CPU by design. Run on a request's virtual thread it holds
 * one of the few carrier threads (one per core) for all that time, so a flood of sign-ups held them
 * all and every other request, a signed-in user's or the health check's, waited behind it. Here a
 * flood waits for a slot on a semaphore (a parked virtual thread costs nothing), at most {@code
 * SOCRA_HASH_WAIT}, and is then refused with {@link HashingBusyException} (503 with Retry-After);
 * the carriers stay free for everything else, and the hashing threads leave the other cores to it.
 */
@Component
public class PasswordHashing {
  private final int concurrency;
  private final Duration wait;
  private final Semaphore slots;
  private final ExecutorService threads;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final Counter refused;

  @Autowired
  public PasswordHashing(ServerSettings settings, ObjectProvider<MeterRegistry> registry) {
    this(settings.hashConcurrency(), settings.hashWait(), registry.getIfAvailable());
  }

  PasswordHashing(int concurrency, Duration wait, MeterRegistry registry) {
    this.concurrency = concurrency;
    this.wait = wait;
    this.slots = new Semaphore(concurrency, true);
    this.threads =
        Executors.newFixedThreadPool(
            concurrency, Thread.ofPlatform().daemon().name("socra-password-hash-", 1).factory());
    if (registry != null) {
      Gauge.builder("socra.password.hashes.active", active, AtomicInteger::get)
          .description("Password hashes being computed now")
          .register(registry);
      this.refused =
          Counter.builder("socra.password.hashes.refused")
              .description("Sign-ins and sign-ups refused because every hashing slot was busy")
              .register(registry);
    } else {
      this.refused = null;
    }
  }

  /**
   * For programs without a server ({@code socra user add}): one hash at a time, no waiting limit.
   */
  public static PasswordHashing single() {
    return new PasswordHashing(1, Duration.ofDays(1), null);
  }

  /**
   * Runs {@code hash} on a hashing thread and returns its result, waiting for a free slot at most
   * {@code SOCRA_HASH_WAIT}.
   *
   * @throws HashingBusyException when no slot came free in time
   */
  public <T> T run(Callable<T> hash) {
    boolean acquired;
    try {
      acquired = slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HashingBusyException(retryAfter());
    }
    if (!acquired) {
      if (refused != null) {
        refused.increment();
      }
      throw new HashingBusyException(retryAfter());
    }
    try {
      Future<T> result =
          threads.submit(
              () -> {
                peak.accumulateAndGet(active.incrementAndGet(), Math::max);
                try {
                  return hash.call();
                } finally {
                  active.decrementAndGet();
                }
              });
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HashingBusyException(retryAfter());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      slots.release();
    }
  }

  /** How many hashes may run at once. */
  public int concurrency() {
    return concurrency;
  }

  /** The most hashes that ever ran at once. */
  public int peak() {
    return peak.get();
  }

  /** A refused caller is told to come back after a second or the wait, whichever is longer. */
  private Duration retryAfter() {
    return wait.compareTo(Duration.ofSeconds(1)) > 0 ? wait : Duration.ofSeconds(1);
  }

  @PreDestroy
  void close() {
    threads.shutdownNow();
  }
}
