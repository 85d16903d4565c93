package dev.socra.llm.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Sliding-window limiter over the last 60 seconds. Rejected requests are not counted, as real
 * providers do not charge for a 429. Synchronized: connections are served concurrently.
 */
final class RateLimiter {

  static final long WINDOW_MILLIS = 60_000;

  private record Use(long atMillis, int tokens) {}

  private final Deque<Use> window = new ArrayDeque<>();
  private RateLimits limits = RateLimits.UNLIMITED;
  private int windowTokens;

  synchronized void setLimits(RateLimits limits) {
    this.limits = limits;
  }

  synchronized RateLimits limits() {
    return limits;
  }

  synchronized void reset() {
    window.clear();
    windowTokens = 0;
  }

  /** Admits the request (recording its cost) or explains why not. */
  synchronized Admission admit(int cost, long nowMillis) {
    while (!window.isEmpty() && window.peekFirst().atMillis() <= nowMillis - WINDOW_MILLIS) {
      windowTokens -= window.pollFirst().tokens();
    }
    int usedRequests = window.size();
    int usedTokens = windowTokens;
    String blockedOn = null;
    long wait = 0;
    boolean tooLarge = limits.tpm() > 0 && cost > limits.tpm();
    if (limits.rpm() > 0 && usedRequests + 1 > limits.rpm()) {
      blockedOn = "requests";
      wait = expiry(window.peekFirst(), nowMillis);
    }
    if (tooLarge) {
      blockedOn = "tokens";
    } else if (limits.tpm() > 0 && usedTokens + cost > limits.tpm()) {
      long tokenWait = untilTokensFree(usedTokens + cost - limits.tpm(), nowMillis);
      if (blockedOn == null || tokenWait > wait) {
        blockedOn = "tokens";
        wait = tokenWait;
      }
    }
    if (blockedOn == null && !limits.unlimited()) {
      window.addLast(new Use(nowMillis, cost));
      windowTokens += cost;
    }
    long reset = window.isEmpty() ? 0 : expiry(window.peekLast(), nowMillis);
    return new Admission(
        limits, blockedOn, tooLarge, usedRequests, usedTokens, cost, wait, reset, reset);
  }

  /** How long until at least {@code excess} tokens have left the window. */
  private long untilTokensFree(int excess, long nowMillis) {
    int freed = 0;
    Iterator<Use> oldestFirst = window.iterator();
    while (oldestFirst.hasNext()) {
      Use use = oldestFirst.next();
      freed += use.tokens();
      if (freed >= excess) {
        return expiry(use, nowMillis);
      }
    }
    return WINDOW_MILLIS; // unreachable while cost <= limit; a safe upper bound regardless
  }

  private static long expiry(Use use, long nowMillis) {
    return Math.max(1, use.atMillis() + WINDOW_MILLIS - nowMillis);
  }
}
