package dev.socra.llm.config;

import java.time.Duration;

/**
 * How hard one call tries.
 *
 * @param maxAttempts attempts across all targets for one call (skipped targets do not count)
 * @param maxRateLimitWait the longest a 429's wait is sat out on the same target; longer waits fail
 *     over at once
 * @param transientBackoff the base of the single jittered retry after a transient error
 * @param rateLimitCooldown how long a 429 without a stated wait keeps a target out
 * @param silentCooldown how long a target that went silent is kept out, so other calls do not wait
 *     out its timeout too
 * @param quotaCooldown how long a target whose account ran out of quota is kept out
 * @param authRecheck how long a target whose key (or model, or permission) was rejected stays
 *     disabled before one call is let through to check it again
 */
public record RetryPolicy(
    int maxAttempts,
    Duration maxRateLimitWait,
    Duration transientBackoff,
    Duration rateLimitCooldown,
    Duration silentCooldown,
    Duration quotaCooldown,
    Duration authRecheck) {
  public static final RetryPolicy DEFAULTS =
      new RetryPolicy(
          8,
          Duration.ofSeconds(5),
          Duration.ofMillis(250),
          Duration.ofSeconds(30),
          Duration.ofSeconds(30),
          Duration.ofHours(1),
          Duration.ofMinutes(10));
}
