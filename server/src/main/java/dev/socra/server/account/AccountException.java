package dev.socra.server.account;

/** A request about an account that cannot be done as asked; the message says why, for a person. */
public class AccountException extends RuntimeException {
  public AccountException(String message) {
    super(message);
  }
}
