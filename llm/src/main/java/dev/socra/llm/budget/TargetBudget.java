package dev.socra.llm.budget;

import dev.socra.llm.Usage;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One target's budget: a Bucket4j bucket per limited dimension, refilled smoothly over its window
 * as the providers' own token buckets are. Requests are estimated before they are sent, admitted
 * only when every dimension has room, and settled afterwards with the real usage.
 *
 * <p>Admission spans several buckets, so it is synchronized here; with a shared store the buckets
 * are shared and each stays consistent on its own. The buckets refill on the store's time, which
 * the router builds from its own clock.
 */
public final class TargetBudget {
  /** What a full concurrency limit adds to a target's earliest room, to rank it among others. */
  private static final Duration CONCURRENCY_POLL = Duration.ofMillis(50);

  private static final double CALIBRATION_WEIGHT = 0.2;

  private final String key;
  private final BudgetStore store;
  private final boolean refundsUnused;
  private final Map<Dimension, Bucket> buckets = new EnumMap<>(Dimension.class);
  private final Slots slots;
  private Limits limits;

  /** Real input tokens per estimated one, learned from the provider's usage reports. */
  private double calibration;

  public TargetBudget(
      String key, Limits configured, double tokenRatio, boolean refundsUnused, BudgetStore store) {
    this.key = key;
    this.refundsUnused = refundsUnused;
    this.store = store;
    this.limits = configured;
    this.calibration = tokenRatio;
    this.slots = new Slots(configured.concurrency());
    for (Dimension d : Dimension.values()) {
      if (configured.of(d) > 0) {
        buckets.put(d, store.bucket(key + "#" + d.name(), configuration(d, configured.of(d))));
      }
    }
  }

  private static BucketConfiguration configuration(Dimension d, long limit) {
    return BucketConfiguration.builder()
        .addLimit(b -> b.capacity(limit).refillGreedy(limit, d.window()))
        .build();
  }

  /** The request's demand here: its input estimate, calibrated for this target, and its output. */
  public synchronized Demand demand(long estimatedInput, long maxOutput) {
    return new Demand(Math.max(1, (long) Math.ceil(estimatedInput * calibration)), maxOutput);
  }

  public synchronized Limits limits() {
    return limits;
  }

  /** Takes room for the request now, or says when there could be some, or that there never will. */
  public synchronized Admission admit(Demand demand) {
    try {
      adoptSharedLimits();
      String never = neverFits(demand);
      if (never != null) {
        return new Admission.Never(never);
      }
      if (slots.full()) {
        return new Admission.Later(CONCURRENCY_POLL, slots.inFlight() + " calls already in flight");
      }
      // Each bucket is taken atomically on its own (with a shared store, other servers take from
      // the same buckets between two of these steps); when one has no room, what was taken from
      // the others goes back.
      Map<Dimension, Long> taken = new EnumMap<>(Dimension.class);
      Dimension short_ = null;
      long waitNanos = 0;
      for (var e : buckets.entrySet()) {
        long need = e.getKey().need(demand);
        ConsumptionProbe probe = e.getValue().tryConsumeAndReturnRemaining(need);
        if (probe.isConsumed()) {
          taken.put(e.getKey(), need);
        } else {
          short_ = e.getKey();
          waitNanos = probe.getNanosToWaitForRefill();
          break;
        }
      }
      if (short_ != null) {
        taken.forEach((d, n) -> buckets.get(d).addTokens(n));
        Dimension tightest = short_;
        for (var e : buckets.entrySet()) {
          if (e.getKey() == short_) {
            continue;
          }
          EstimationProbe probe = e.getValue().estimateAbilityToConsume(e.getKey().need(demand));
          if (!probe.canBeConsumed() && probe.getNanosToWaitForRefill() > waitNanos) {
            waitNanos = probe.getNanosToWaitForRefill();
            tightest = e.getKey();
          }
        }
        return new Admission.Later(
            Duration.ofNanos(waitNanos),
            "no room for "
                + tightest.need(demand)
                + " "
                + unit(tightest)
                + " within its "
                + limits.of(tightest)
                + " "
                + tightest.shortName());
      }
      slots.take();
      return new Admission.Granted(new Reservation(this, demand, Duration.ZERO));
    } catch (BudgetUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw store.unavailable(e);
    }
  }

  /**
   * Limits another router sharing the store learned from the provider's headers: taken here too, so
   * a request is judged against the real limit whichever server learned it.
   */
  private void adoptSharedLimits() {
    for (var learned : store.learnedLimits(key).entrySet()) {
      Dimension d = learned.getKey();
      long limit = learned.getValue();
      if (limit > 0 && limit != limits.of(d)) {
        limits = limits.with(d, limit);
        buckets.computeIfAbsent(
            d, x -> store.bucket(key + "#" + x.name(), configuration(x, limit)));
      }
    }
  }

  /**
   * Books room ahead even though there is none now, and says how long to wait before sending. Calls
   * that book later wait behind this one: first come, first served.
   */
  public synchronized Reservation book(Demand demand) {
    long waitNanos = 0;
    try {
      for (var e : buckets.entrySet()) {
        waitNanos =
            Math.max(waitNanos, e.getValue().consumeIgnoringRateLimits(e.getKey().need(demand)));
      }
    } catch (BudgetUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw store.unavailable(e);
    }
    slots.take();
    return new Reservation(this, demand, Duration.ofNanos(waitNanos));
  }

  /** True when as many calls are in flight as the target allows: a booking must wait for one. */
  public boolean concurrencyFull() {
    return slots.full();
  }

  /**
   * Waits until one of the calls in flight finishes (at once when a slot is free), or {@code max}
   * passes. Not synchronized: the budget stays usable while a call waits here.
   *
   * @return true when a slot is free
   */
  public boolean awaitSlot(Duration max) throws InterruptedException {
    return slots.awaitFree(max);
  }

  /** When a booking could start, without booking: for choosing among targets. */
  public synchronized Duration earliest(Demand demand) {
    long waitNanos = concurrencyFull() ? CONCURRENCY_POLL.toNanos() : 0;
    try {
      for (var e : buckets.entrySet()) {
        EstimationProbe probe = e.getValue().estimateAbilityToConsume(e.getKey().need(demand));
        if (!probe.canBeConsumed()) {
          waitNanos = Math.max(waitNanos, probe.getNanosToWaitForRefill());
        }
      }
    } catch (BudgetUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw store.unavailable(e);
    }
    return Duration.ofNanos(waitNanos);
  }

  /**
   * Settles a reservation with what the provider counted: unused tokens go back, overruns are
   * taken.
   *
   * @param usage the attempt's usage; null when the request never reached the provider
   */
  public synchronized void settle(Reservation r, Usage usage, long estimatedInput) {
    slots.give();
    long input = usage == null ? 0 : usage.inputTokens();
    long output = usage == null ? 0 : usage.outputTokens();
    Demand used = new Demand(input, output);
    try {
      settleBuckets(r, usage, used);
    } catch (RuntimeException e) {
      // A shared store that went away keeps what was reserved: the budget errs on the careful side.
      if (!(store.unavailable(e) instanceof BudgetUnavailableException)) {
        throw e;
      }
    }
    if (usage != null && !usage.estimated() && usage.inputTokens() > 0 && estimatedInput > 0) {
      double observed = (double) usage.inputTokens() / estimatedInput;
      calibration = clamp((1 - CALIBRATION_WEIGHT) * calibration + CALIBRATION_WEIGHT * observed);
    }
  }

  private void settleBuckets(Reservation r, Usage usage, Demand used) {
    for (var e : buckets.entrySet()) {
      Dimension d = e.getKey();
      long reserved = d.need(r.demand());
      long actual;
      if (d.countsRequests()) {
        actual = usage == null ? 0 : 1;
      } else if (usage == null || refundsUnused) {
        actual = d.need(used);
      } else {
        // charged what was reserved when it arrived; only an overrun adds to it
        actual = Math.max(reserved, d.need(used));
      }
      if (reserved > actual) {
        e.getValue().addTokens(reserved - actual);
      } else if (actual > reserved) {
        e.getValue().consumeIgnoringRateLimits(actual - reserved);
      }
    }
  }

  /**
   * Takes what the provider's headers said. A limit it announces replaces the configured one (and
   * its count of what is left replaces ours); otherwise what it says is left can only lower what
   * the bucket holds, never raise it, so a stale header cannot make the router less careful. A
   * rounded count lowers it only to the most the rounded figure can stand for.
   */
  public synchronized void learn(List<LimitObservation> observations) {
    try {
      learnAll(observations);
    } catch (RuntimeException e) {
      // A shared store that went away learns nothing now; the next answer's headers teach it again.
      if (!(store.unavailable(e) instanceof BudgetUnavailableException)) {
        throw e;
      }
    }
  }

  private void learnAll(List<LimitObservation> observations) {
    for (LimitObservation o : observations) {
      Dimension d = o.dimension();
      boolean corrected = o.limit() > 0 && o.limit() != limits.of(d);
      if (corrected) {
        limits = limits.with(d, o.limit());
        store.learnLimit(key, d, o.limit());
        Bucket existing = buckets.get(d);
        if (existing == null) {
          buckets.put(d, store.bucket(key + "#" + d.name(), configuration(d, o.limit())));
        } else {
          existing.replaceConfiguration(
              configuration(d, o.limit()), TokensInheritanceStrategy.AS_IS);
        }
      }
      Bucket bucket = buckets.get(d);
      if (bucket != null && o.remaining() >= 0) {
        long available = bucket.getAvailableTokens();
        // A rounded figure (Anthropic's tokens, to the nearest thousand) lowers the bucket only to
        // the most it can stand for: taken as exact, every answer would shave off up to 500 more.
        long excess = available - o.remainingAtMost();
        if (excess > 0) {
          bucket.consumeIgnoringRateLimits(excess);
        } else if (available < o.remaining() && corrected) {
          // the configured limit was wrong: trust the provider's count under its real limit
          bucket.addTokens(o.remaining() - available);
        }
      }
    }
  }

  /** Why a request can never be admitted here, or null. */
  private String neverFits(Demand demand) {
    for (Dimension d : buckets.keySet()) {
      long need = d.need(demand);
      if (need > limits.of(d)) {
        return "the request needs about "
            + need
            + " "
            + unit(d)
            + ", more than its whole budget of "
            + limits.of(d)
            + " "
            + d.shortName();
      }
    }
    return null;
  }

  /** Tokens available now in a dimension, for descriptions and tests; -1 when unlimited. */
  public synchronized long available(Dimension d) {
    Bucket b = buckets.get(d);
    return b == null ? -1 : b.getAvailableTokens();
  }

  public synchronized double calibration() {
    return calibration;
  }

  private static String unit(Dimension d) {
    return d.countsRequests() ? "request" : "tokens";
  }

  private static double clamp(double v) {
    return Math.max(0.5, Math.min(2.0, v));
  }

  @Override
  public String toString() {
    return key + " budget (" + limits.describe() + ")";
  }
}
