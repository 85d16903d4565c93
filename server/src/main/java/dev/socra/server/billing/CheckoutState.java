package dev.socra.server.billing;

/** Where a checkout stands at the provider, as its API says when asked. */
public sealed interface CheckoutState {
  /** Nothing paid yet: the founder may still pay. */
  record Open() implements CheckoutState {}

  /** Money taken: {@code ref} is the provider's payment id. */
  record Paid(String ref, Amount amount) implements CheckoutState {}

  /** The last try failed (declined ...); the checkout may still be paid. */
  record Failed(String reason) implements CheckoutState {}

  /** The provider takes no more money for it. */
  record Expired() implements CheckoutState {}
}
