package dev.socra.server.account;

import java.time.Duration;
import org.springframework.security.authentication.LockedException;

/**
 * Sign-in is closed for a while for this account or address ({@link SignInThrottle}). A {@link
 * LockedException}, so Spring Security reports it as it is rather than trying other ways in.
 */
class SignInThrottledException extends LockedException {
  private final long retryAfterSeconds;

  SignInThrottledException(Duration wait) {
    super("too many failed sign-ins; try again in " + Waits.seconds(wait) + " s");
    this.retryAfterSeconds = Waits.seconds(wait);
  }

  long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
