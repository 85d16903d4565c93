package dev.socra.server.billing;

import java.util.Map;

/**
 * One payment provider's API, in Socra's terms. Implementations talk to the provider over HTTP (its
 * base URL is a setting, so tests point it at a fake) and verify its webhooks' signatures on the
 * raw body.
 */
public sealed interface PaymentProvider permits RazorpayProvider, StripeProvider {
  ProviderName name();

  /** A checkout created at the provider: its id, and where to send the founder (Stripe) if any. */
  record Created(String checkoutId, String redirectUrl) {}

  /**
   * Creates a checkout for {@code bundle} at the server's price.
   *
   * @param returnUrl where the provider sends the founder back after paying ({@code {CHECKOUT_ID}}
   *     is replaced by the checkout's id)
   * @param cancelUrl where it sends a founder who gave up
   */
  Created create(String userId, Bundle bundle, String returnUrl, String cancelUrl);

  /** Asks the provider where a checkout stands; may capture an authorised payment. */
  CheckoutState state(Payment payment);

  /**
   * Asks the provider whether a paid checkout's money went back (refunded or disputed in its
   * dashboard): the reason if so, for the reversal of a lost webhook.
   */
  java.util.Optional<String> reversal(Payment payment);

  /**
   * Verifies a webhook's signature on its raw body and reads it.
   *
   * @param headers lower-case names
   * @throws WebhookRejected when it is not believed
   */
  WebhookEvent read(byte[] body, Map<String, String> headers);
}
