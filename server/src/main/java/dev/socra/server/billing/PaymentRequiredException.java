package dev.socra.server.billing;

/**
 * A pipeline start refused for want of a credit: 402 in the API (with the price and the checkout
 * path), the payment step in the page.
 */
public class PaymentRequiredException extends RuntimeException {
  private final String sessionId;
  private final long balance;

  public PaymentRequiredException(String sessionId, long balance) {
    super(
        balance < 0
            ? "your credit balance is "
                + balance
                + " after a refund or dispute; buy a credit to run"
                + " the masterplan"
            : "building the masterplan takes one credit and you have none",
        null,
        false,
        false);
    this.sessionId = sessionId;
    this.balance = balance;
  }

  public String sessionId() {
    return sessionId;
  }

  public long balance() {
    return balance;
  }
}
