package dev.socra.server.billing;

import java.time.OffsetDateTime;
import java.util.List;

/** The JSON shapes of the billing API. */
public final class BillingViews {
  private BillingViews() {}

  /** An amount: exact in minor units, readable in the major unit. */
  public record Price(long minor, String amount, String currency, String display) {
    static Price of(Money m) {
      return new Price(m.minor(), m.major(), m.code(), m.display());
    }
  }

  public record BundleView(int credits, Price price) {
    static BundleView of(Bundle b) {
      return new BundleView(b.credits(), Price.of(b.price()));
    }
  }

  public record Entry(
      long id,
      String kind,
      int credits,
      String sessionId,
      Price value,
      String note,
      OffsetDateTime at) {
    static Entry of(CreditEntry e) {
      Price value =
          e.amountMinor() == null
              ? null
              : Price.of(new Money(e.amountMinor(), java.util.Currency.getInstance(e.currency())));
      return new Entry(
          e.id(), e.kind(), e.credits(), e.sessionId(), value, e.note(), e.createdAt());
    }
  }

  /** {@code GET /api/credits}. */
  public record Credits(
      long balance,
      boolean charging,
      String provider,
      Price price,
      List<BundleView> bundles,
      List<Entry> entries,
      List<Receipt> payments) {}

  /** A checkout and where it stands. */
  public record Receipt(
      String checkoutId,
      String provider,
      int credits,
      Price amount,
      String status,
      String failure,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt) {
    static Receipt of(Payment p) {
      return new Receipt(
          p.checkoutId(),
          p.provider(),
          p.credits(),
          Price.of(p.amount()),
          p.status(),
          p.failure(),
          p.createdAt(),
          p.updatedAt());
    }
  }

  /** What Razorpay Checkout needs in the page: the public key id and the order. */
  public record RazorpayCheckout(String keyId, String orderId, long amount, String currency) {}

  /** {@code POST /api/checkout}'s answer. */
  public record Checkout(Receipt checkout, String url, RazorpayCheckout razorpay, String confirm) {}

  /** {@code POST /api/checkout}'s body. */
  public record CheckoutRequest(
      @io.swagger.v3.oas.annotations.media.Schema(
              type = "integer",
              description = "the size of a bundle the server sells",
              example = "1")
          com.fasterxml.jackson.databind.JsonNode credits,
      @io.swagger.v3.oas.annotations.media.Schema(
              description = "the session whose plan the founder is paying for (optional)")
          String session) {

    /** The number of credits, only if it was sent as a whole number. */
    public int wholeCredits() {
      if (credits == null || !credits.isIntegralNumber() || !credits.canConvertToInt()) {
        throw new IllegalArgumentException(
            "credits must be a whole number: the size of a bundle the server sells");
      }
      return credits.intValue();
    }
  }

  /** The Razorpay Checkout handler's fields, passed on by the client. */
  public record RazorpayReturn(
      String razorpay_order_id, String razorpay_payment_id, String razorpay_signature) {}

  /** After a confirmation: the checkout and the balance. */
  public record Confirmed(Receipt checkout, long balance) {}
}
