package dev.socra.server.account;

import org.springframework.security.authentication.InternalAuthenticationServiceException;

/** Every password-hashing slot was busy: the password could not be checked now. */
class SignInBusyException extends InternalAuthenticationServiceException {
  private final long retryAfterSeconds;

  SignInBusyException(HashingBusyException busy) {
    super(busy.getMessage());
    this.retryAfterSeconds = busy.retryAfterSeconds();
  }

  long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
