package dev.socra.llm.testkit;

/**
 * The rate limiter's verdict on one request, with everything the providers' rate-limit headers and
 * messages report.
 *
 * @param blockedOn null when admitted, else "requests" or "tokens" (the names Groq uses as the
 *     error type)
 * @param tooLarge the request alone costs more than the token limit: waiting will not help
 * @param usedRequests requests in the window before this one
 * @param usedTokens tokens in the window before this one
 * @param requestedTokens this request's cost
 * @param retryAfterMillis when blocked, how long until this request would be admitted
 * @param resetRequestsMillis how long until the window holds no requests again
 * @param resetTokensMillis how long until the window holds no tokens again
 */
record Admission(
    RateLimits limits,
    String blockedOn,
    boolean tooLarge,
    int usedRequests,
    int usedTokens,
    int requestedTokens,
    long retryAfterMillis,
    long resetRequestsMillis,
    long resetTokensMillis) {

  boolean admitted() {
    return blockedOn == null;
  }

  /** Remaining after this request (counted only when it was admitted). */
  int remainingRequests() {
    return Math.max(0, limits.rpm() - usedRequests - (admitted() ? 1 : 0));
  }

  int remainingTokens() {
    return Math.max(0, limits.tpm() - usedTokens - (admitted() ? requestedTokens : 0));
  }
}
