package dev.socra.llm.config.yaml;

import dev.socra.llm.config.RetryPolicy;
import java.time.Duration;

/** {@code retry:}; what is not written keeps its default. */
public record RetrySection(
    Integer maxAttempts,
    Duration maxRateLimitWait,
    Duration transientBackoff,
    Duration rateLimitCooldown,
    Duration silentCooldown,
    Duration quotaCooldown,
    Duration authRecheck) {

  public RetryPolicy toRetryPolicy() {
    RetryPolicy.Builder b = RetryPolicy.builder();
    if (maxAttempts != null) {
      b.maxAttempts(maxAttempts);
    }
    if (maxRateLimitWait != null) {
      b.maxRateLimitWait(maxRateLimitWait);
    }
    if (transientBackoff != null) {
      b.transientBackoff(transientBackoff);
    }
    if (rateLimitCooldown != null) {
      b.rateLimitCooldown(rateLimitCooldown);
    }
    if (silentCooldown != null) {
      b.silentCooldown(silentCooldown);
    }
    if (quotaCooldown != null) {
      b.quotaCooldown(quotaCooldown);
    }
    if (authRecheck != null) {
      b.authRecheck(authRecheck);
    }
    return b.build();
  }
}
