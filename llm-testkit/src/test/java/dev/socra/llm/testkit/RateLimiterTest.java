package dev.socra.llm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sliding window on a synthetic clock: its retry-after must be exactly when a retry works. */
class RateLimiterTest {

  @Test
  void requestLimitFreesWhenTheOldestRequestLeavesTheWindow() {
    RateLimiter limiter = new RateLimiter();
    limiter.setLimits(new RateLimits(0, 2));
    limiter.admit(1, 0);
    limiter.admit(1, 10_000);

    Admission blocked = limiter.admit(1, 20_000);

    assertThat(blocked.admitted()).isFalse();
    assertThat(blocked.blockedOn()).isEqualTo("requests");
    assertThat(blocked.retryAfterMillis()).isEqualTo(40_000);
    assertThat(limiter.admit(1, 59_999).admitted()).isFalse();
    assertThat(limiter.admit(1, 60_000).admitted()).isTrue();
  }

  @Test
  void tokenLimitWaitsUntilEnoughTokensLeave() {
    RateLimiter limiter = new RateLimiter();
    limiter.setLimits(new RateLimits(100, 0));
    limiter.admit(30, 0);
    limiter.admit(30, 10_000);

    Admission blocked = limiter.admit(50, 20_000);

    assertThat(blocked.blockedOn()).isEqualTo("tokens");
    assertThat(blocked.usedTokens()).isEqualTo(60);
    assertThat(blocked.retryAfterMillis()).isEqualTo(40_000); // the first 30 suffice
    assertThat(blocked.remainingTokens()).isEqualTo(40);
    assertThat(limiter.admit(50, 60_000).admitted()).isTrue();
  }

  @Test
  void rejectedRequestsAreNotCharged() {
    RateLimiter limiter = new RateLimiter();
    limiter.setLimits(new RateLimits(0, 1));
    limiter.admit(1, 0);
    for (int i = 1; i < 10; i++) {
      limiter.admit(1, i * 1000);
    }

    assertThat(limiter.admit(1, 60_000).admitted()).isTrue();
  }

  @Test
  void aRequestAboveTheTokenLimitIsTooLarge() {
    RateLimiter limiter = new RateLimiter();
    limiter.setLimits(new RateLimits(100, 0));

    Admission admission = limiter.admit(101, 0);

    assertThat(admission.tooLarge()).isTrue();
    assertThat(admission.admitted()).isFalse();
  }
}
