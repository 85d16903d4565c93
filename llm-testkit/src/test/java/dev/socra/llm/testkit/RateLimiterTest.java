package dev.socra.llm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The token buckets on a synthetic clock: their retry-after must be exactly when a retry works. */
class RateLimiterTest {

  @Test
  void requestLimitRefillsContinuously() {
    RateLimiter limiter = new RateLimiter();
    limiter.setLimits(new RateLimits(0, 2)); // one request back every 30 s
    limiter.admit(1, 0);
    limiter.admit(1, 10_000); // 1/3 refilled by then: 1/3 left after it

    Admission blocked = limiter.admit(1, 20_000); // 2/3 left

    assertThat(blocked.admitted()).isFalse();
    assertThat(blocked.blockedOn()).isEqualTo("requests");
    assertThat(blocked.retryAfterMillis()).isBetween(9_999L, 10_001L);
    assertThat(limiter.admit(1, 29_990).admitted()).isFalse();
    assertThat(limiter.admit(1, 30_000).admitted()).isTrue();
  }

  @Test
  void tokenLimitWaitsUntilEnoughTokensRefill() {
    RateLimiter limiter = new RateLimiter();
    limiter.setLimits(new RateLimits(120, 0)); // two tokens back a second
    limiter.admit(60, 0); // 60 left
    limiter.admit(40, 10_000); // 60 + 20 - 40 = 40 left

    Admission blocked = limiter.admit(70, 20_000); // 40 + 20 = 60 left: 10 short

    assertThat(blocked.blockedOn()).isEqualTo("tokens");
    assertThat(blocked.usedTokens()).isEqualTo(60);
    assertThat(blocked.retryAfterMillis()).isBetween(4_999L, 5_001L);
    assertThat(blocked.remainingTokens()).isEqualTo(60);
    assertThat(limiter.admit(70, 24_900).admitted()).isFalse();
    assertThat(limiter.admit(70, 25_000).admitted()).isTrue();
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
