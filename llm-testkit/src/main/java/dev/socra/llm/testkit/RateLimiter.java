package dev.socra.llm.testkit;

/**
 * Token-bucket limiter, as the providers document theirs: each limit is a bucket holding a minute's
 * allowance that refills continuously (Anthropic: "continuously replenished up to your maximum";
 * OpenAI and Groq likewise replenish rather than reset on a clock minute). A request takes its
 * whole cost when admitted; rejected requests take nothing, as real providers do not charge for a
 * 429. Synchronized: connections are served concurrently.
 */
final class RateLimiter {

  static final long WINDOW_MILLIS = 60_000;

  /** Refill arithmetic in doubles must not refuse a request at the very millisecond it fits. */
  private static final double EPSILON = 1e-6;

  private RateLimits limits = RateLimits.UNLIMITED;
  private double requestsLeft;
  private double tokensLeft;
  private long lastMillis = -1;

  synchronized void setLimits(RateLimits limits) {
    this.limits = limits;
    this.requestsLeft = limits.rpm();
    this.tokensLeft = limits.tpm();
    this.lastMillis = -1;
  }

  synchronized RateLimits limits() {
    return limits;
  }

  synchronized void reset() {
    setLimits(limits);
  }

  /** Admits the request (taking its cost) or explains why not. */
  synchronized Admission admit(int cost, long nowMillis) {
    refill(nowMillis);
    int usedRequests = limits.rpm() - (int) Math.floor(requestsLeft);
    int usedTokens = limits.tpm() - (int) Math.floor(tokensLeft);
    String blockedOn = null;
    long wait = 0;
    boolean tooLarge = limits.tpm() > 0 && cost > limits.tpm();
    if (limits.rpm() > 0 && requestsLeft < 1 - EPSILON) {
      blockedOn = "requests";
      wait = millisFor(1 - requestsLeft, limits.rpm());
    }
    if (tooLarge) {
      blockedOn = "tokens";
    } else if (limits.tpm() > 0 && tokensLeft < cost - EPSILON) {
      long tokenWait = millisFor(cost - tokensLeft, limits.tpm());
      if (blockedOn == null || tokenWait > wait) {
        blockedOn = "tokens";
        wait = tokenWait;
      }
    }
    if (blockedOn == null) {
      if (limits.rpm() > 0) {
        requestsLeft -= 1;
      }
      if (limits.tpm() > 0) {
        tokensLeft -= cost;
      }
    }
    return new Admission(
        limits,
        blockedOn,
        tooLarge,
        usedRequests,
        usedTokens,
        cost,
        wait,
        millisFor(limits.rpm() - requestsLeft, limits.rpm()),
        millisFor(limits.tpm() - tokensLeft, limits.tpm()));
  }

  private void refill(long nowMillis) {
    if (lastMillis >= 0 && nowMillis > lastMillis) {
      double minutes = (nowMillis - lastMillis) / (double) WINDOW_MILLIS;
      requestsLeft = Math.min(limits.rpm(), requestsLeft + minutes * limits.rpm());
      tokensLeft = Math.min(limits.tpm(), tokensLeft + minutes * limits.tpm());
    }
    lastMillis = Math.max(lastMillis, nowMillis);
  }

  /** How long the bucket takes to refill {@code amount} at {@code perMinute}, at least 1 ms. */
  private static long millisFor(double amount, int perMinute) {
    if (perMinute <= 0 || amount <= 0) {
      return 0;
    }
    return Math.max(1, (long) Math.ceil(amount * WINDOW_MILLIS / perMinute));
  }
}
