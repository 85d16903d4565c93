package dev.socra.server.billing;

/**
 * A webhook that is not believed: a bad or missing signature, a timestamp outside the tolerance, an
 * unknown checkout, an amount that does not match. Answered 400; the reason is logged, and it never
 * contains a secret.
 */
public class WebhookRejected extends RuntimeException {
  public WebhookRejected(String reason) {
    super(reason, null, false, false);
  }
}
