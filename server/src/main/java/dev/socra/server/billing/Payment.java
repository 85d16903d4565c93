package dev.socra.server.billing;

import java.time.OffsetDateTime;
import java.util.Currency;

/**
 * One checkout a founder started at the provider: what it sells and for how much (the server's
 * price at the time), and where it stands.
 *
 * @param checkoutId the provider's id: a Razorpay order or a Stripe Checkout Session
 * @param status {@code created}, {@code paid}, {@code failed}, {@code refunded} or {@code expired}
 * @param paymentRef the provider's id of the money that moved, once paid
 */
public record Payment(
    long id,
    String userId,
    String provider,
    String checkoutId,
    int credits,
    long amountMinor,
    String currency,
    String status,
    String paymentRef,
    String failure,
    String returnSession,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  public static final String CREATED = "created";
  public static final String PAID = "paid";
  public static final String FAILED = "failed";
  public static final String REFUNDED = "refunded";
  public static final String EXPIRED = "expired";

  public Money amount() {
    return new Money(amountMinor, Currency.getInstance(currency));
  }

  public ProviderName providerName() {
    return ProviderName.of(provider);
  }

  public boolean open() {
    return status.equals(CREATED) || status.equals(FAILED);
  }
}
