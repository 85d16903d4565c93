package dev.socra.server.billing;

/**
 * A provider's webhook, verified and read: what it says happened, in Socra's terms. Every event
 * carries the provider's id of it, by which a redelivery is recognised.
 */
public sealed interface WebhookEvent {
  String id();

  String type();

  /** Money was taken for a checkout. */
  record Paid(String id, String type, String checkoutId, String ref, Amount amount)
      implements WebhookEvent {}

  /** A try to pay failed; the reason is the provider's, for the founder. */
  record Failed(String id, String type, String checkoutId, String reason) implements WebhookEvent {}

  /** The checkout can no longer be paid. */
  record Expired(String id, String type, String checkoutId) implements WebhookEvent {}

  /**
   * Money went back to the payer (a refund or a dispute): by checkout id where the event names it,
   * else by the payment's id.
   */
  record Reversed(String id, String type, String checkoutId, String ref, String why)
      implements WebhookEvent {}

  /** An event Socra does not act on. */
  record Ignored(String id, String type) implements WebhookEvent {}
}
