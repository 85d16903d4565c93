package dev.socra.server.billing;

import static dev.socra.server.billing.Paying.balance;
import static dev.socra.server.billing.Paying.checkout;
import static dev.socra.server.billing.Paying.checkoutId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.server.testing.Http;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation on the server's clock, moved by the test: what it asks after, and for how long.
 */
class ReconciliationTest {

  @Test
  void openCheckoutsAreAskedAfterForThreeDaysThenClosedButMoneyThatArrivesIsStillCredited() {
    MovableClock clock = new MovableClock();
    try (Paying paying = Paying.stripe(Map.of("SOCRA_RECONCILE_MINUTES", "2"), false, clock)) {
      assertThat(paying.schedule.period).isEqualTo(Duration.ofMinutes(2));
      Http ada = paying.user("ada");
      String early = checkoutId(checkout(ada, 1));
      clock.advance(Duration.ofDays(2));
      String late = checkoutId(checkout(ada, 1));

      int before = paying.stripe.requests().size();
      paying.schedule.tick();
      assertThat(paying.stripe.requests().subList(before, paying.stripe.requests().size()))
          .containsExactlyInAnyOrder(
              "GET /v1/checkout/sessions/" + early, "GET /v1/checkout/sessions/" + late);

      clock.advance(Duration.ofDays(2));
      paying.schedule.tick();
      assertThat(status(ada, early)).isEqualTo("expired");
      assertThat(status(ada, late)).isEqualTo("created");

      // money taken is never lost, even for a checkout Socra had given up on
      paying.stripe.pay(early);
      paying.stripe.webhooks().drop();
      assertThat(StripePaymentsTest.confirm(ada, early, 200)).isEqualTo(200);
      assertThat(balance(ada)).isEqualTo(1);
    }
  }

  static String status(Http user, String checkout) {
    return user.get("/api/checkout/" + checkout).json().get("checkout").get("status").asText();
  }

  @Test
  void aRefundOrDisputeWhoseWebhookWasLostIsReversedByTheHourlySweep() {
    MovableClock clock = new MovableClock();
    try (Paying paying = Paying.stripe(Map.of(), false, clock)) {
      Http ada = paying.user("ada");
      String refunded = checkoutId(checkout(ada, 1));
      String disputed = checkoutId(checkout(ada, 1));
      paying.stripe.pay(refunded);
      paying.stripe.pay(disputed);
      paying.stripe.webhooks().deliverAll();
      paying.schedule.tick(); // the first sweep: nothing went back yet
      assertThat(balance(ada)).isEqualTo(2);

      paying.stripe.refund(refunded);
      paying.stripe.dispute(disputed);
      paying.stripe.webhooks().drop();
      clock.advance(Duration.ofMinutes(5));
      paying.schedule.tick(); // within the hour: paid checkouts are not asked again yet
      assertThat(balance(ada)).isEqualTo(2);
      clock.advance(Duration.ofHours(1));
      paying.schedule.tick();
      assertThat(balance(ada)).isZero();
      assertThat(status(ada, refunded)).isEqualTo("refunded");
      clock.advance(Duration.ofHours(1));
      paying.schedule.tick();
      assertThat(balance(ada)).isZero();
    }
    try (Paying paying = Paying.razorpay(Map.of(), clock)) {
      Http bo = paying.user("bo");
      String order = checkoutId(checkout(bo, 1));
      dev.socra.server.billing.fake.FakeRazorpay.HandlerResult paid = paying.razorpay.pay(order);
      paying.razorpay.webhooks().deliverAll();
      paying.razorpay.refund(paid.paymentId());
      paying.razorpay.webhooks().drop();
      paying.schedule.tick();
      assertThat(balance(bo)).isZero();
    }
  }
}
