package dev.socra.server.billing;

import static dev.socra.server.billing.Paying.balance;
import static dev.socra.server.billing.Paying.checkout;
import static dev.socra.server.billing.Paying.checkoutId;
import static dev.socra.server.billing.Paying.readySession;
import static dev.socra.server.billing.Paying.runPipeline;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socra.server.testing.Http;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Paying through Stripe, end to end over HTTP against the fake Stripe: Checkout Sessions, signed
 * webhooks in any order and any number, reconciliation, refunds and disputes, and every refusal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StripePaymentsTest {
  Paying paying;

  Paying start() {
    return Paying.stripe(Map.of());
  }

  @BeforeAll
  void startServer() {
    paying = start();
  }

  @BeforeEach
  void quiet() {
    paying.stripe.webhooks().reset();
  }

  @AfterAll
  void stop() {
    paying.close();
  }

  @Test
  void aRunWithoutACreditIsPaymentRequiredWithThePriceAndTheCheckoutPath() {
    Http ada = paying.user("ada-402");
    String session = readySession(ada);
    Http.Response r = ada.post("/api/sessions/" + session + "/pipeline", "");
    assertThat(r.status()).as(r.body()).isEqualTo(402);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    JsonNode p = r.json();
    assertThat(p.get("title").asText()).isEqualTo("Payment Required");
    assertThat(p.get("price").get("minor").asLong()).isEqualTo(600);
    assertThat(p.get("price").get("currency").asText()).isEqualTo("USD");
    assertThat(p.get("checkout").asText()).isEqualTo("/api/checkout");
    assertThat(p.get("balance").asLong()).isZero();
    // a client that asked for the event stream gets the same answer
    Http.Response streamed =
        ada.send(
            ada.request("/api/sessions/" + session + "/pipeline")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(streamed.status()).as(streamed.body()).isEqualTo(402);
    assertThat(streamed.body()).contains("\"checkout\":\"/api/checkout\"");
    // nothing was spent and nothing started
    assertThat(ada.get("/api/sessions/" + session).json().get("status").asText())
        .isEqualTo("interview");
  }

  @Test
  void aFounderPaysIsCreditedOnceAndThePipelineRunsOnTheCredit() {
    Http ada = paying.user("ada-pays");
    String session = readySession(ada);
    JsonNode c = checkout(ada, 1);
    String id = checkoutId(c);
    assertThat(c.get("url").asText()).startsWith(paying.stripe.baseUrl() + "/pay/");
    assertThat(paying.stripe.session(id).get("amount_total")).isEqualTo(600L);
    assertThat(paying.stripe.session(id).get("currency")).isEqualTo("usd");

    paying.stripe.pay(id);
    assertThat(paying.stripe.webhooks().deliverAll()).containsOnly(200);
    assertThat(balance(ada)).isEqualTo(1);

    List<Http.Event> events = runPipeline(ada, session);
    assertThat(events.getLast().name()).isEqualTo("done");
    assertThat(balance(ada)).isZero();
    JsonNode credits = ada.get("/api/credits").json();
    assertThat(credits.get("entries").findValuesAsText("kind"))
        .containsExactly("spend", "purchase");
    assertThat(credits.get("entries").get(0).get("sessionId").asText()).isEqualTo(session);
    assertThat(credits.get("payments").get(0).get("status").asText()).isEqualTo("paid");
  }

  @Test
  void theReturnAndTheWebhookInEitherOrderAndTenTimesOverCreditOnce() {
    Http ada = paying.user("ada-twice");
    // return first, then the webhook
    String first = checkoutId(checkout(ada, 1));
    paying.stripe.pay(first);
    confirm(ada, first, 200);
    assertThat(paying.stripe.webhooks().deliverAll()).containsOnly(200);
    assertThat(balance(ada)).isEqualTo(1);
    // the webhook first, then the return
    String second = checkoutId(checkout(ada, 1));
    paying.stripe.pay(second);
    assertThat(paying.stripe.webhooks().deliverAll()).containsOnly(200);
    confirm(ada, second, 200);
    assertThat(balance(ada)).isEqualTo(2);
    // ten more of each
    for (int i = 0; i < 10; i++) {
      assertThat(paying.stripe.webhooks().redeliver()).allMatch(s -> s == 200);
      confirm(ada, first, 200);
      confirm(ada, second, 200);
    }
    assertThat(balance(ada)).isEqualTo(2);
    assertThat(ada.get("/api/credits").json().get("entries").findValuesAsText("kind"))
        .containsExactly("purchase", "purchase");
  }

  @Test
  void manyDeliveriesOfOnePaymentAtOnceCreditOnce() throws Exception {
    Http ada = paying.user("ada-burst");
    String id = checkoutId(checkout(ada, 1));
    paying.stripe.pay(id);
    WebhookDelivery d = WebhookDelivery.last(paying.stripe.webhooks());
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        answers.add(
            pool.submit(
                (Callable<Integer>) () -> d.sendTo(paying.server.baseUrl() + "/webhooks/stripe")));
        answers.add(pool.submit(() -> confirm(ada, id, 200)));
      }
      for (Future<Integer> f : answers) {
        assertThat(f.get()).isEqualTo(200);
      }
    }
    assertThat(balance(ada)).isEqualTo(1);
  }

  @Test
  void aLostWebhookIsFoundByReconciliation() {
    Http bea = paying.user("bea-lost");
    String id = checkoutId(checkout(bea, 1));
    paying.stripe.pay(id);
    paying.stripe.webhooks().drop();
    assertThat(balance(bea)).isZero();
    paying.schedule.tick();
    assertThat(balance(bea)).isEqualTo(1);
    paying.schedule.tick();
    assertThat(balance(bea)).isEqualTo(1);
  }

  @Test
  void aDelayedBankPaymentIsCreditedWhenItClears() {
    Http cy = paying.user("cy-async");
    paying.stripe.asyncPayments(true);
    try {
      String id = checkoutId(checkout(cy, 1));
      paying.stripe.pay(id);
      assertThat(paying.stripe.webhooks().deliverAll()).containsOnly(200);
      assertThat(confirm(cy, id, 200)).isEqualTo(200);
      assertThat(balance(cy)).isZero();
      paying.stripe.asyncSucceed(id);
      assertThat(paying.stripe.webhooks().deliverAll()).containsOnly(200);
      assertThat(balance(cy)).isEqualTo(1);
    } finally {
      paying.stripe.asyncPayments(false);
    }
  }

  @Test
  void aRefundTakesTheCreditBackAndANegativeBalanceBlocksNewRunsButKeepsResults() {
    Http dee = paying.user("dee-refund");
    String session = readySession(dee);
    String id = checkoutId(checkout(dee, 1));
    paying.stripe.pay(id);
    paying.stripe.webhooks().deliverAll();
    assertThat(runPipeline(dee, session).getLast().name()).isEqualTo("done");

    paying.stripe.refund(id);
    assertThat(paying.stripe.webhooks().deliverAll()).containsOnly(200);
    assertThat(balance(dee)).isEqualTo(-1);
    assertThat(paying.stripe.webhooks().redeliver()).allMatch(s -> s == 200);
    assertThat(balance(dee)).isEqualTo(-1);

    Http.Response refused = dee.post("/api/sessions/" + readySession(dee) + "/pipeline", "");
    assertThat(refused.status()).isEqualTo(402);
    assertThat(refused.json().get("balance").asLong()).isEqualTo(-1);
    // the paid plan is still there
    assertThat(dee.get("/api/sessions/" + session + "/masterplan").status()).isEqualTo(200);
  }

  @Test
  void aDisputeTakesTheCreditBack() {
    Http eve = paying.user("eve-dispute");
    String id = checkoutId(checkout(eve, 1));
    paying.stripe.pay(id);
    paying.stripe.dispute(id);
    // The dispute arrives before the payment: refused until the payment is known, then taken
    // when Stripe delivers it again.
    assertThat(paying.stripe.webhooks().deliverNewestFirst()).containsExactly(400, 200);
    assertThat(balance(eve)).isEqualTo(1);
    assertThat(paying.stripe.webhooks().deliverAll()).containsExactly(200);
    assertThat(balance(eve)).isZero();
    assertThat(eve.get("/api/credits").json().get("payments").get(0).get("status").asText())
        .isEqualTo("refunded");
  }

  @Test
  void aStaleSignatureIsRefusedAndCreditsNothing() {
    Http fay = paying.user("fay-stale");
    String id = checkoutId(checkout(fay, 1));
    paying.stripe.signatureSkew(Duration.ofMinutes(-10));
    try {
      paying.stripe.pay(id);
    } finally {
      paying.stripe.signatureSkew(Duration.ZERO);
    }
    assertThat(paying.stripe.webhooks().deliverAll()).containsOnly(400);
    assertThat(balance(fay)).isZero();
  }

  @Test
  void aForgedSignatureIsRefusedAndCreditsNothing() {
    Http gus = paying.user("gus-forged");
    String id = checkoutId(checkout(gus, 1));
    paying.stripe.pay(id);
    WebhookDelivery real = WebhookDelivery.last(paying.stripe.webhooks());
    paying.stripe.webhooks().drop();
    long now = java.time.Instant.now().getEpochSecond();
    String url = paying.server.baseUrl() + "/webhooks/stripe";
    assertThat(
            real.withHeader("Stripe-Signature", "t=" + now + ",v1=" + "0".repeat(64)).sendTo(url))
        .isEqualTo(400);
    assertThat(real.withHeader("Stripe-Signature", "garbage").sendTo(url)).isEqualTo(400);
    assertThat(real.withoutHeaders().sendTo(url)).isEqualTo(400);
    // signed with another secret (another account's endpoint)
    String other =
        dev.socra.server.billing.fake.Hmac.sha256Hex("whsec_other", now + "." + real.text());
    assertThat(real.withHeader("Stripe-Signature", "t=" + now + ",v1=" + other).sendTo(url))
        .isEqualTo(400);
    // the right signature on a changed body
    assertThat(real.withBody(real.text().replace("\"paid\"", "\"paid\" ")).sendTo(url))
        .isEqualTo(400);
    assertThat(balance(gus)).isZero();
  }

  @Test
  void anEventOfAnotherStripeAccountIsRefused() {
    Http hal = paying.user("hal-foreign");
    String id = checkoutId(checkout(hal, 1));
    paying.stripe.eventAccount("acct_someone_else");
    try {
      paying.stripe.pay(id);
    } finally {
      paying.stripe.eventAccount(null);
    }
    assertThat(paying.stripe.webhooks().deliverAll()).containsOnly(400);
    assertThat(balance(hal)).isZero();
  }

  @Test
  void aPaymentOfTheWrongAmountOrCurrencyIsNeverCredited() {
    Http ivy = paying.user("ivy-amount");
    String cheap = checkoutId(checkout(ivy, 1));
    paying.stripe.pay(cheap, 100L, null);
    String yen = checkoutId(checkout(ivy, 1));
    paying.stripe.pay(yen, null, "jpy");
    assertThat(paying.stripe.webhooks().deliverAll()).containsOnly(400);
    confirm(ivy, cheap, 400);
    confirm(ivy, yen, 400);
    paying.schedule.tick();
    assertThat(balance(ivy)).isZero();
  }

  @Test
  void aWebhookForACheckoutThisServerDidNotCreateIsRefused() {
    Http jo = paying.user("jo-unknown");
    String id = checkoutId(checkout(jo, 1));
    paying.stripe.pay(id);
    WebhookDelivery real = WebhookDelivery.last(paying.stripe.webhooks());
    paying.stripe.webhooks().drop();
    String body = real.text().replace(id, "cs_test_not_ours");
    long now = java.time.Instant.now().getEpochSecond();
    int status =
        real.withBody(body)
            .withHeader("Stripe-Signature", paying.stripe.signature(body.getBytes(), now))
            .sendTo(paying.server.baseUrl() + "/webhooks/stripe");
    assertThat(status).isEqualTo(400);
    assertThat(balance(jo)).isZero();
  }

  @Test
  void twoTabsStartingThePipelineSpendOneCredit() throws Exception {
    Http kit = paying.user("kit-tabs");
    String session = readySession(kit);
    for (int i = 0; i < 2; i++) {
      paying.stripe.pay(checkoutId(checkout(kit, 1)));
    }
    paying.stripe.webhooks().deliverAll();
    assertThat(balance(kit)).isEqualTo(2);
    try (ExecutorService tabs = Executors.newFixedThreadPool(4)) {
      List<Future<List<Http.Event>>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        runs.add(tabs.submit(() -> runPipeline(kit, session)));
      }
      for (Future<List<Http.Event>> r : runs) {
        assertThat(r.get().getLast().name()).isEqualTo("done");
      }
    }
    assertThat(balance(kit)).isEqualTo(1);
  }

  @Test
  void aSecondCheckoutOfABundleThatIsNotSoldIsRefused() {
    Http lu = paying.user("lu-bundle");
    Http.Response r = lu.post("/api/checkout", Map.of("credits", 3));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("detail").asText()).contains("credits must be one of [1]");
    assertThat(lu.get("/api/credits").json().get("payments")).isEmpty();
  }

  static int confirm(Http user, String checkoutId, int expected) {
    Http.Response r =
        user.send(
            user.request("/api/checkout/" + checkoutId + "/confirm")
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(r.status()).as(r.body()).isEqualTo(expected);
    return r.status();
  }
}
