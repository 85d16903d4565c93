package dev.socra.llm.testkit;

/**
 * The rate limiter's verdict on one request, with everything the providers' rate-limit headers and
 * messages report.
 *
 * @param blockedOn null when admitted, else "requests" or "tokens" (the names Groq uses as the
 *     error type)
 * @param perDay blocked on the requests-per-day limit rather than the per-minute one
 * @param tooLarge the request alone costs more than the token limit: waiting will not help
 * @param usedRequests requests in the minute's bucket before this one
 * @param usedRequestsToday requests in the day's bucket before this one
 * @param usedTokens tokens in the window before this one
 * @param requestedTokens this request's cost
 * @param retryAfterMillis when blocked, how long until this request would be admitted
 * @param resetRequestsMillis how long until the minute's bucket holds no requests again
 * @param resetRequestsTodayMillis how long until the day's bucket holds no requests again
 * @param resetTokensMillis how long until the window holds no tokens again
 * @param atMillis when it was decided, on the fake's clock
 */
record Admission(
    RateLimits limits,
    String blockedOn,
    boolean perDay,
    boolean tooLarge,
    int usedRequests,
    int usedRequestsToday,
    int usedTokens,
    int requestedTokens,
    long retryAfterMillis,
    long resetRequestsMillis,
    long resetRequestsTodayMillis,
    long resetTokensMillis,
    long atMillis) {

  boolean admitted() {
    return blockedOn == null;
  }

  /** Remaining after this request (counted only when it was admitted). */
  int remainingRequests() {
    return Math.max(0, limits.rpm() - usedRequests - (admitted() ? 1 : 0));
  }

  int remainingRequestsToday() {
    return Math.max(0, limits.rpd() - usedRequestsToday - (admitted() ? 1 : 0));
  }

  int remainingTokens() {
    return Math.max(0, limits.tpm() - usedTokens - (admitted() ? requestedTokens : 0));
  }
}
