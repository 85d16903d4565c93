package dev.socra.server.billing;

import static dev.socra.server.billing.Paying.balance;
import static dev.socra.server.billing.Paying.checkout;
import static dev.socra.server.billing.Paying.checkoutId;
import static dev.socra.server.billing.Paying.readySession;
import static dev.socra.server.billing.Paying.runPipeline;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socra.server.billing.fake.FakeRazorpay;
import dev.socra.server.testing.Http;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Paying through Razorpay against the fake Razorpay: an order at the server's price, the Checkout
 * handler's signature, webhooks, reconciliation (capturing what was only authorised), refunds,
 * disputes and every refusal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RazorpayPaymentsTest {
  Paying paying;

  @BeforeAll
  void start() {
    paying = Paying.razorpay(Map.of("SOCRA_BUNDLES", "1:499,3:1299"));
  }

  @BeforeEach
  void quiet() {
    paying.razorpay.webhooks().reset();
    paying.razorpay.down(false);
    paying.razorpay.autoCapture(true);
  }

  @AfterAll
  void stop() {
    paying.close();
  }

  @Test
  void theOrderIsCreatedAtTheServersPriceForTheBundle() {
    Http ada = paying.user("ada-order");
    JsonNode c = checkout(ada, 3);
    String order = checkoutId(c);
    assertThat(paying.razorpay.order(order))
        .containsEntry("amount", 129900L)
        .containsEntry("currency", "INR");
    assertThat(c.get("razorpay").get("keyId").asText()).isEqualTo(Paying.RAZORPAY_KEY_ID);
    assertThat(c.get("razorpay").get("amount").asLong()).isEqualTo(129900);
    assertThat(c.get("checkout").get("amount").get("display").asText()).isEqualTo("₹1,299.00");
    // the browser's own amount is never asked for: a body naming one changes nothing
    Http.Response r =
        ada.post("/api/checkout", Map.of("credits", 1, "amount", 1, "currency", "USD"));
    assertThat(paying.razorpay.order(checkoutId(r.json()))).containsEntry("amount", 49900L);
  }

  @Test
  void theHandlersSignatureCreditsOnceAndThePipelineRuns() {
    Http ada = paying.user("ada-handler");
    String session = readySession(ada);
    String order = checkoutId(checkout(ada, 1));
    FakeRazorpay.HandlerResult paid = paying.razorpay.pay(order);
    assertThat(confirm(ada, order, handler(paid)).status()).isEqualTo(200);
    assertThat(balance(ada)).isEqualTo(1);
    // the webhooks after the handler, and again, and the handler again
    assertThat(paying.razorpay.webhooks().deliverAll()).containsOnly(200);
    assertThat(paying.razorpay.webhooks().redeliver()).containsOnly(200);
    assertThat(confirm(ada, order, handler(paid)).status()).isEqualTo(200);
    assertThat(balance(ada)).isEqualTo(1);
    assertThat(runPipeline(ada, session).getLast().name()).isEqualTo("done");
    assertThat(balance(ada)).isZero();
  }

  @Test
  void theWebhookBeforeTheHandlerCreditsOnce() {
    Http bo = paying.user("bo-webhook-first");
    String order = checkoutId(checkout(bo, 1));
    FakeRazorpay.HandlerResult paid = paying.razorpay.pay(order);
    assertThat(paying.razorpay.webhooks().deliverNewestFirst()).containsOnly(200);
    assertThat(balance(bo)).isEqualTo(1);
    for (int i = 0; i < 10; i++) {
      assertThat(confirm(bo, order, handler(paid)).status()).isEqualTo(200);
      paying.razorpay.webhooks().redeliver();
    }
    assertThat(balance(bo)).isEqualTo(1);
  }

  @Test
  void aForgedHandlerSignatureIsRefused() {
    Http cy = paying.user("cy-forged");
    String order = checkoutId(checkout(cy, 1));
    FakeRazorpay.HandlerResult paid = paying.razorpay.pay(order);
    paying.razorpay.webhooks().drop();
    Http.Response r =
        confirm(
            cy,
            order,
            Map.of(
                "razorpay_order_id", order,
                "razorpay_payment_id", paid.paymentId(),
                "razorpay_signature", "f".repeat(64)));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("detail").asText()).contains("signature");
    // a genuine signature for another order
    String other = checkoutId(checkout(cy, 1));
    FakeRazorpay.HandlerResult otherPaid = paying.razorpay.pay(other);
    paying.razorpay.webhooks().drop();
    assertThat(confirm(cy, order, handler(otherPaid)).status()).isEqualTo(400);
    assertThat(balance(cy)).isZero();
  }

  @Test
  void aForgedWebhookIsRefusedAndCreditsNothing() {
    Http di = paying.user("di-forged-webhook");
    String order = checkoutId(checkout(di, 1));
    paying.razorpay.pay(order);
    WebhookDelivery real = WebhookDelivery.last(paying.razorpay.webhooks());
    paying.razorpay.webhooks().drop();
    String url = paying.server.baseUrl() + "/webhooks/razorpay";
    assertThat(real.withHeader("X-Razorpay-Signature", "0".repeat(64)).sendTo(url)).isEqualTo(400);
    assertThat(real.withoutHeaders().sendTo(url)).isEqualTo(400);
    assertThat(
            real.withHeader(
                    "X-Razorpay-Signature",
                    dev.socra.server.billing.fake.Hmac.sha256Hex("another-secret", real.body()))
                .sendTo(url))
        .isEqualTo(400);
    assertThat(balance(di)).isZero();
  }

  @Test
  void aPaymentOfTheWrongAmountOrCurrencyIsNeverCredited() {
    Http ed = paying.user("ed-amount");
    String low = checkoutId(checkout(ed, 1));
    FakeRazorpay.HandlerResult lowPaid = paying.razorpay.pay(low, 100, "INR");
    String usd = checkoutId(checkout(ed, 1));
    FakeRazorpay.HandlerResult usdPaid = paying.razorpay.pay(usd, 49900, "USD");
    assertThat(paying.razorpay.webhooks().deliverAll()).containsOnly(400);
    assertThat(confirm(ed, low, handler(lowPaid)).status()).isEqualTo(400);
    assertThat(confirm(ed, usd, handler(usdPaid)).status()).isEqualTo(400);
    paying.schedule.tick();
    assertThat(balance(ed)).isZero();
    assertThat(ed.get("/api/credits").json().get("payments").findValuesAsText("failure"))
        .allMatch(f -> f.contains("not credited"));
  }

  @Test
  void aDeclinedPaymentIsShownAndTheOrderCanStillBePaid() {
    Http fi = paying.user("fi-declined");
    String order = checkoutId(checkout(fi, 1));
    paying.razorpay.decline(order, "Your payment was declined by the bank.");
    assertThat(paying.razorpay.webhooks().deliverAll()).containsOnly(200);
    JsonNode p = fi.get("/api/checkout/" + order).json().get("checkout");
    assertThat(p.get("status").asText()).isEqualTo("failed");
    assertThat(p.get("failure").asText()).isEqualTo("Your payment was declined by the bank.");
    FakeRazorpay.HandlerResult paid = paying.razorpay.pay(order);
    assertThat(confirm(fi, order, handler(paid)).json().get("balance").asLong()).isEqualTo(1);
  }

  @Test
  void aLostWebhookIsFoundByReconciliationAndAnAuthorisedPaymentCaptured() {
    Http gil = paying.user("gil-lost");
    paying.razorpay.autoCapture(false);
    String order = checkoutId(checkout(gil, 1));
    paying.razorpay.pay(order);
    paying.razorpay.webhooks().drop();
    assertThat(balance(gil)).isZero();
    paying.schedule.tick();
    assertThat(balance(gil)).isEqualTo(1);
    assertThat(paying.razorpay.order(order)).containsEntry("status", "paid");
    assertThat(paying.razorpay.requests()).anyMatch(r -> r.endsWith("/capture"));
  }

  @Test
  void reconciliationWaitsOutAProviderThatIsDown() {
    Http hu = paying.user("hu-down");
    String order = checkoutId(checkout(hu, 1));
    paying.razorpay.pay(order);
    paying.razorpay.webhooks().drop();
    paying.razorpay.down(true);
    paying.schedule.tick();
    assertThat(balance(hu)).isZero();
    paying.razorpay.down(false);
    paying.schedule.tick();
    assertThat(balance(hu)).isEqualTo(1);
  }

  @Test
  void aCheckoutWhileTheProviderIsDownIsABadGatewayAndCreatesNothing() {
    Http io = paying.user("io-down");
    paying.razorpay.down(true);
    Http.Response r = io.post("/api/checkout", Map.of("credits", 1));
    assertThat(r.status()).isEqualTo(502);
    assertThat(r.json().get("detail").asText()).contains("nothing was charged");
    assertThat(io.get("/api/credits").json().get("payments")).isEmpty();
  }

  @Test
  void aRefundAndADisputeTakeTheCreditsBack() {
    Http jan = paying.user("jan-refund");
    String order = checkoutId(checkout(jan, 3));
    FakeRazorpay.HandlerResult paid = paying.razorpay.pay(order);
    paying.razorpay.webhooks().deliverAll();
    assertThat(balance(jan)).isEqualTo(3);
    paying.razorpay.refund(paid.paymentId());
    paying.razorpay.dispute(paid.paymentId());
    assertThat(paying.razorpay.webhooks().deliverAll()).containsOnly(200);
    assertThat(balance(jan)).isZero();
    assertThat(jan.get("/api/credits").json().get("entries").findValuesAsText("kind"))
        .containsExactly("reversal", "purchase");
  }

  static Map<String, String> handler(FakeRazorpay.HandlerResult r) {
    return Map.of(
        "razorpay_order_id", r.orderId(),
        "razorpay_payment_id", r.paymentId(),
        "razorpay_signature", r.signature());
  }

  static Http.Response confirm(Http user, String order, Map<String, String> handler) {
    return user.post("/api/checkout/" + order + "/confirm", handler);
  }
}
