package dev.socra.server.account;

import dev.socra.llm.ChatRequest;
import dev.socra.llm.budget.BudgetUnavailableException;
import dev.socra.llm.route.TargetId;
import dev.socra.llm.spend.SpendGate;
import dev.socra.llm.spend.SpendRefusedException;
import dev.socra.server.ServerSettings;
import dev.socra.server.cluster.SharedSpend;
import dev.socra.server.cluster.SharedStateUnavailableException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * The daily spend cap ({@code SOCRA_USER_DAILY_USD}) kept call by call, so concurrent calls cannot
 * overshoot it: before each attempt the router asks to hold the most that attempt can cost; it is
 * let through while the user's spend today plus everything held for their attempts in flight is
 * under the cap, and its hold is settled to the real cost when it ends (its cost is in the ledger's
 * running total by then, so nothing is counted twice or not at all).
 *
 * <p>The bound: the day's spend stays under the cap plus the largest hold of one attempt, since
 * every attempt is let through only while spend and holds together are under the cap, and no
 * attempt costs more than it held. See docs/security.md.
 *
 * <p>An attempt that finds the spend under the cap but the rest of it held by the user's attempts
 * in flight waits (up to {@link #MAX_WAIT}) for one of them to end rather than being refused: holds
 * are a ceiling, several times what attempts really cost, and a burst of parallel calls would
 * otherwise be turned away long before the day's money is spent. Once the spend itself reaches the
 * cap, 429 until 00:00 UTC.
 *
 * <p>Each user's held amount is one reference, replaced by compare-and-set with a new value object,
 * so two attempts deciding at once see each other (one of them retries), and no lock is held while
 * the spend is read (which may read the database once a minute); the lock only wakes waiters.
 */
@Component
public class SpendHolds implements SpendGate {
  private final BigDecimal cap;
  private final LlmSpend spend;
  private final Map<String, UserHolds> held = new ConcurrentHashMap<>();

  static final Duration MAX_WAIT = Duration.ofSeconds(30);

  /**
   * A user's holds in flight; a new object on every change, so compare-and-set cannot be fooled.
   */
  private record Held(BigDecimal usd) {}

  private static final Held NOTHING = new Held(BigDecimal.ZERO);

  /** One user's holds, and the signal that one of them ended. */
  private static final class UserHolds {
    final AtomicReference<Held> now = new AtomicReference<>(NOTHING);
    final ReentrantLock lock = new ReentrantLock();
    final Condition released = lock.newCondition();

    void release(BigDecimal amount) {
      while (true) {
        Held before = now.get();
        if (now.compareAndSet(before, new Held(before.usd().subtract(amount)))) {
          break;
        }
      }
      lock.lock();
      try {
        released.signalAll();
      } finally {
        lock.unlock();
      }
    }

    /** Waits until the holds change from {@code seen}; false when {@code nanos} passed first. */
    boolean awaitChange(Held seen, long nanos) throws InterruptedException {
      lock.lock();
      try {
        while (now.get() == seen) {
          if (nanos <= 0) {
            return false;
          }
          nanos = released.awaitNanos(nanos);
        }
        return true;
      } finally {
        lock.unlock();
      }
    }
  }

  /** Holds every server sees (Redis); null for one server alone. */
  private final SharedSpend shared;

  SpendHolds(ServerSettings settings, LlmSpend spend, SharedSpend shared) {
    this.cap = settings.userDailyUsd();
    this.spend = spend;
    this.shared = shared.enabled() ? shared : null;
  }

  @Override
  public Hold hold(ChatRequest request, TargetId target, BigDecimal mostUsd) {
    String user = request.tags().get(ChatRequest.TAG_USER);
    if (cap.signum() == 0 || user == null || mostUsd.signum() <= 0) {
      return Hold.NONE;
    }
    if (shared != null) {
      return sharedHold(user, mostUsd);
    }
    UserHolds mine = held.computeIfAbsent(user, u -> new UserHolds());
    long waitUntil = System.nanoTime() + MAX_WAIT.toNanos();
    while (true) {
      // The holds are read before the spend: an attempt that ends in between has its cost in the
      // spend (the ledger counts it before its hold is settled) or its hold in these, never in
      // neither. The compare-and-set then fails if any hold changed since.
      Held before = mine.now.get();
      BigDecimal spent = spend.today(user);
      if (spent.compareTo(cap) >= 0) {
        throw capReached(spent);
      }
      if (spent.add(before.usd()).compareTo(cap) >= 0) {
        if (!awaitRelease(mine, before, waitUntil)) {
          throw heldInFlight(before.usd());
        }
        continue;
      }
      if (mine.now.compareAndSet(before, new Held(before.usd().add(mostUsd)))) {
        return actual -> mine.release(mostUsd);
      }
    }
  }

  /**
   * The same rule with the holds of every server, in Redis: another server's attempt ending cannot
   * wake this one, so a hold finding no room asks again every {@link #SHARED_POLL}.
   */
  private Hold sharedHold(String user, BigDecimal mostUsd) {
    long waitUntil = System.nanoTime() + MAX_WAIT.toNanos();
    while (true) {
      SharedSpend.Outcome o;
      try {
        o = shared.hold(user, cap, mostUsd, () -> spend.ledgerToday(user));
      } catch (SharedStateUnavailableException e) {
        // Not the founder's cap: the shared state is out of reach; the call ends as unavailable.
        throw new BudgetUnavailableException(
            "today's spend cannot be checked: " + e.getMessage(), e.retryAfter(), e);
      }
      switch (o) {
        case SharedSpend.Outcome.Held h -> {
          return actual -> {
            try {
              shared.settle(user, h.id(), actual);
            } catch (SharedStateUnavailableException e) {
              // The answer is the founder's; the ledger has its cost, and the day's shared total
              // is seeded from the ledger again if Redis lost it. The hold expires by itself.
            }
          };
        }
        case SharedSpend.Outcome.CapReached c -> throw capReached(c.spent());
        case SharedSpend.Outcome.NoRoomNow n -> {
          if (System.nanoTime() - waitUntil >= 0) {
            throw heldInFlight(n.held());
          }
          try {
            Thread.sleep(SHARED_POLL);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw heldInFlight(n.held());
          }
        }
      }
    }
  }

  static final Duration SHARED_POLL = Duration.ofMillis(100);

  private static boolean awaitRelease(UserHolds mine, Held seen, long waitUntil) {
    try {
      return mine.awaitChange(seen, waitUntil - System.nanoTime());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** US dollars held now for the user's attempts in flight. */
  public BigDecimal heldFor(String userId) {
    if (shared != null) {
      return shared.heldFor(userId);
    }
    UserHolds h = held.get(userId);
    return h == null ? BigDecimal.ZERO : h.now.get().usd();
  }

  private SpendRefusedException capReached(BigDecimal spent) {
    return new SpendRefusedException(
        "daily LLM spend cap of $"
            + cap.toPlainString()
            + " reached; resets at 00:00 UTC (spent today: $"
            + usd(spent)
            + ")",
        Duration.ofSeconds(spend.secondsUntilTomorrow()));
  }

  private SpendRefusedException heldInFlight(BigDecimal inFlight) {
    return new SpendRefusedException(
        "the rest of today's LLM spend cap of $"
            + cap.toPlainString()
            + " is held by your calls in flight ($"
            + usd(inFlight)
            + "); try again when they have finished",
        Duration.ofSeconds(5));
  }

  private static String usd(BigDecimal v) {
    return v.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }
}
