package dev.socra.server.billing;

/**
 * The payment provider could not be asked (down, refused our key, answered something unreadable).
 * The message says which provider and how it answered, never the request's credentials or body.
 */
public class ProviderUnavailable extends RuntimeException {
  public ProviderUnavailable(String message) {
    super(message, null, false, false);
  }
}
