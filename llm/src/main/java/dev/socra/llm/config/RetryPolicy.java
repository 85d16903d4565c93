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

  /** Starts from {@link #DEFAULTS}. */
  public static Builder builder() {
    return DEFAULTS.toBuilder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Attempts must be positive and waits not negative; {@link #build()} names the one that is. */
  public static final class Builder {
    private int maxAttempts;
    private Duration maxRateLimitWait;
    private Duration transientBackoff;
    private Duration rateLimitCooldown;
    private Duration silentCooldown;
    private Duration quotaCooldown;
    private Duration authRecheck;

    private Builder(RetryPolicy from) {
      maxAttempts = from.maxAttempts;
      maxRateLimitWait = from.maxRateLimitWait;
      transientBackoff = from.transientBackoff;
      rateLimitCooldown = from.rateLimitCooldown;
      silentCooldown = from.silentCooldown;
      quotaCooldown = from.quotaCooldown;
      authRecheck = from.authRecheck;
    }

    public Builder maxAttempts(int value) {
      maxAttempts = value;
      return this;
    }

    public Builder maxRateLimitWait(Duration value) {
      maxRateLimitWait = value;
      return this;
    }

    public Builder transientBackoff(Duration value) {
      transientBackoff = value;
      return this;
    }

    public Builder rateLimitCooldown(Duration value) {
      rateLimitCooldown = value;
      return this;
    }

    public Builder silentCooldown(Duration value) {
      silentCooldown = value;
      return this;
    }

    public Builder quotaCooldown(Duration value) {
      quotaCooldown = value;
      return this;
    }

    public Builder authRecheck(Duration value) {
      authRecheck = value;
      return this;
    }

    public RetryPolicy build() {
      return new RetryPolicy(
          Settings.positive(maxAttempts, "retry.max_attempts"),
          Settings.notNegative(maxRateLimitWait, "retry.max_rate_limit_wait"),
          Settings.notNegative(transientBackoff, "retry.transient_backoff"),
          Settings.notNegative(rateLimitCooldown, "retry.rate_limit_cooldown"),
          Settings.notNegative(silentCooldown, "retry.silent_cooldown"),
          Settings.notNegative(quotaCooldown, "retry.quota_cooldown"),
          Settings.positive(authRecheck, "retry.auth_recheck"));
    }
  }
}
