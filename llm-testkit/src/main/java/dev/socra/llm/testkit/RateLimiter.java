package dev.socra.llm.testkit;

import java.time.Instant;

/**
 * Token-bucket limiter, as the providers document theirs: each limit is a bucket holding a window's
 * allowance (a minute's, or a day's for requests per day) that refills continuously (Anthropic:
 * "continuously replenished up to your maximum"; OpenAI and Groq likewise replenish rather than
 * reset on a clock minute). A request takes its whole cost when admitted; rejected requests take
 * nothing, as real providers do not charge for a 429. Synchronized: connections are served
 * concurrently. Time is whatever the caller says it is (the fake's clock), to the nanosecond, so a
 * client that waits exactly as long as a bucket needs is admitted on virtual time too.
 */
final class RateLimiter {

  static final long WINDOW_MILLIS = 60_000;
  static final long DAY_MILLIS = 86_400_000;
  private static final long NANOS_PER_MILLI = 1_000_000;

  /** Refill arithmetic in doubles must not refuse a request at the very moment it fits. */
  private static final double EPSILON = 1e-6;

  private RateLimits limits = RateLimits.UNLIMITED;
  private double requestsLeft;
  private double requestsTodayLeft;
  private double tokensLeft;
  private long lastNanos = Long.MIN_VALUE;

  synchronized void setLimits(RateLimits limits) {
    this.limits = limits;
    this.requestsLeft = limits.rpm();
    this.requestsTodayLeft = limits.rpd();
    this.tokensLeft = limits.tpm();
    this.lastNanos = Long.MIN_VALUE;
  }

  synchronized RateLimits limits() {
    return limits;
  }

  synchronized void reset() {
    setLimits(limits);
  }

  /** Admits the request at {@code nowMillis} (taking its cost) or explains why not. */
  synchronized Admission admit(int cost, long nowMillis) {
    return admitAt(cost, nowMillis * NANOS_PER_MILLI);
  }

  synchronized Admission admit(int cost, Instant now) {
    return admitAt(
        cost,
        Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano()));
  }

  private Admission admitAt(int cost, long nowNanos) {
    refill(nowNanos);
    int usedRequests = limits.rpm() - (int) Math.floor(requestsLeft);
    int usedToday = limits.rpd() - (int) Math.floor(requestsTodayLeft);
    int usedTokens = limits.tpm() - (int) Math.floor(tokensLeft);
    String blockedOn = null;
    boolean perDay = false;
    long wait = 0;
    boolean tooLarge = limits.tpm() > 0 && cost > limits.tpm();
    if (limits.rpm() > 0 && requestsLeft < 1 - EPSILON) {
      blockedOn = "requests";
      wait = millisFor(1 - requestsLeft, limits.rpm(), WINDOW_MILLIS);
    }
    if (limits.rpd() > 0 && requestsTodayLeft < 1 - EPSILON) {
      long dayWait = millisFor(1 - requestsTodayLeft, limits.rpd(), DAY_MILLIS);
      if (blockedOn == null || dayWait > wait) {
        blockedOn = "requests";
        perDay = true;
        wait = dayWait;
      }
    }
    if (tooLarge) {
      blockedOn = "tokens";
      perDay = false;
    } else if (limits.tpm() > 0 && tokensLeft < cost - EPSILON) {
      long tokenWait = millisFor(cost - tokensLeft, limits.tpm(), WINDOW_MILLIS);
      if (blockedOn == null || tokenWait > wait) {
        blockedOn = "tokens";
        perDay = false;
        wait = tokenWait;
      }
    }
    if (blockedOn == null) {
      if (limits.rpm() > 0) {
        requestsLeft -= 1;
      }
      if (limits.rpd() > 0) {
        requestsTodayLeft -= 1;
      }
      if (limits.tpm() > 0) {
        tokensLeft -= cost;
      }
    }
    return new Admission(
        limits,
        blockedOn,
        perDay,
        tooLarge,
        usedRequests,
        usedToday,
        usedTokens,
        cost,
        wait,
        millisFor(limits.rpm() - requestsLeft, limits.rpm(), WINDOW_MILLIS),
        millisFor(limits.rpd() - requestsTodayLeft, limits.rpd(), DAY_MILLIS),
        millisFor(limits.tpm() - tokensLeft, limits.tpm(), WINDOW_MILLIS),
        Math.floorDiv(nowNanos, NANOS_PER_MILLI));
  }

  private void refill(long nowNanos) {
    if (lastNanos != Long.MIN_VALUE && nowNanos > lastNanos) {
      double elapsedMillis = (nowNanos - lastNanos) / (double) NANOS_PER_MILLI;
      requestsLeft =
          Math.min(limits.rpm(), requestsLeft + share(elapsedMillis, limits.rpm(), WINDOW_MILLIS));
      requestsTodayLeft =
          Math.min(
              limits.rpd(), requestsTodayLeft + share(elapsedMillis, limits.rpd(), DAY_MILLIS));
      tokensLeft =
          Math.min(limits.tpm(), tokensLeft + share(elapsedMillis, limits.tpm(), WINDOW_MILLIS));
    }
    lastNanos = Math.max(lastNanos, nowNanos);
  }

  private static double share(double elapsedMillis, int perWindow, long windowMillis) {
    return elapsedMillis / windowMillis * perWindow;
  }

  /** How long the bucket takes to refill {@code amount} at {@code perWindow}, at least 1 ms. */
  private static long millisFor(double amount, int perWindow, long windowMillis) {
    if (perWindow <= 0 || amount <= 0) {
      return 0;
    }
    return Math.max(1, (long) Math.ceil(amount * windowMillis / perWindow));
  }
}
