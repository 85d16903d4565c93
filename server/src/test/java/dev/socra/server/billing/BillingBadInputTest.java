package dev.socra.server.billing;

import static dev.socra.server.billing.Paying.balance;
import static dev.socra.server.billing.Paying.checkout;
import static dev.socra.server.billing.Paying.checkoutId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.server.testing.Http;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every way into billing given what a careless or hostile caller sends: wrong types, huge and
 * deeply nested bodies, control characters, another user's ids, replays and floods. Each gets a
 * clear error; nothing is credited that was not paid.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BillingBadInputTest {
  Paying paying;
  Http ada;
  Http bob;

  @BeforeAll
  void start() {
    paying = Paying.stripe(Map.of());
    ada = paying.user("ada");
    bob = paying.user("bob");
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
  void aCheckoutBodyOfTheWrongShapeIsABadRequest() {
    for (String body :
        List.of(
            "{\"credits\":\"one\"}",
            "{\"credits\":1.5}",
            "{\"credits\":[1]}",
            "{\"credits\":{\"n\":1}}",
            "{\"credits\":-1}",
            "{\"credits\":0}",
            "{\"credits\":2147483648}",
            "{\"credits\":null}",
            "{}",
            "[]",
            "null",
            "not json",
            "{\"credits\":1,\"session\":[\"x\"]}",
            "[".repeat(5_000) + "]".repeat(5_000))) {
      Http.Response r = ada.post("/api/checkout", body);
      assertThat(r.status()).as(body.length() > 60 ? "deeply nested" : body).isEqualTo(400);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }
    assertThat(ada.get("/api/credits").json().get("payments")).isEmpty();
  }

  @Test
  void aHugeCheckoutBodyIsRefusedBeforeItIsRead() {
    Http.Response r =
        ada.post("/api/checkout", "{\"credits\":1,\"pad\":\"" + "x".repeat(200_000) + "\"}");
    assertThat(r.status()).isEqualTo(413);
  }

  @Test
  void anotherUsersSessionOrCheckoutIsNotFound() {
    String bobs = Paying.readySession(bob);
    Http.Response r = ada.post("/api/checkout", Map.of("credits", 1, "session", bobs));
    assertThat(r.status()).isEqualTo(404);
    String bobsCheckout = checkoutId(checkout(bob, 1));
    paying.stripe.pay(bobsCheckout);
    assertThat(ada.get("/api/checkout/" + bobsCheckout).status()).isEqualTo(404);
    assertThat(ada.post("/api/checkout/" + bobsCheckout + "/confirm", "").status()).isEqualTo(404);
    assertThat(balance(ada)).isZero();
    // bob's own confirmation works
    assertThat(bob.post("/api/checkout/" + bobsCheckout + "/confirm", "").status()).isEqualTo(200);
    assertThat(balance(bob)).isEqualTo(1);
  }

  @Test
  void controlCharactersAndOddIdsAreNotFound() {
    for (String session :
        List.of("\u0000", "a\u001b[31mred", "../../etc/passwd", "x".repeat(5_000))) {
      Http.Response r = ada.post("/api/checkout", Map.of("credits", 1, "session", session));
      assertThat(r.status()).as(session.length() > 40 ? "long" : session).isEqualTo(404);
      assertThat(r.body()).doesNotContain("\u0000", "\u001b");
    }
    for (String id : List.of("%00", "cs_test_%1b%5b31m", "..%2f..%2fadmin", "x".repeat(3_000))) {
      assertThat(ada.get("/api/checkout/" + id).status()).as(id).isIn(400, 404);
    }
  }

  @Test
  void theConfirmationsFieldsOfTheWrongTypeAreABadRequest() {
    String id = checkoutId(checkout(ada, 1));
    for (String body :
        List.of(
            "{\"razorpay_signature\":[1]}", "{\"razorpay_order_id\":{}}", "[1,2]", "\"text\"")) {
      assertThat(ada.post("/api/checkout/" + id + "/confirm", body).status())
          .as(body)
          .isEqualTo(400);
    }
  }

  @Test
  void aFloodOfCheckoutsIsStoppedAtTheHourlyLimit() {
    Http cy = paying.user("cy-flood");
    int created = 0;
    int refused = 0;
    for (int i = 0; i < Billing.CHECKOUTS_PER_HOUR + 5; i++) {
      int status = cy.post("/api/checkout", Map.of("credits", 1)).status();
      if (status == 201) {
        created++;
      } else {
        assertThat(status).isEqualTo(429);
        refused++;
      }
    }
    assertThat(created).isEqualTo(Billing.CHECKOUTS_PER_HOUR);
    assertThat(refused).isEqualTo(5);
  }

  @Test
  void webhooksOfTheWrongSizeShapeOrMethodAreRefused() {
    Http anyone = Http.anonymous(paying.server.baseUrl());
    String url = "/webhooks/stripe";
    assertThat(anyone.post(url, "x".repeat(Webhooks.MAX_BODY + 1)).status()).isEqualTo(413);
    assertThat(
            anyone
                .send(
                    anyone
                        .request(url)
                        .header("Transfer-Encoding", "chunked")
                        .POST(
                            HttpRequest.BodyPublishers.ofInputStream(
                                () ->
                                    new java.io.ByteArrayInputStream(
                                        new byte[Webhooks.MAX_BODY * 2]))))
                .status())
        .isEqualTo(413);
    assertThat(anyone.post(url, "").status()).isEqualTo(400);
    assertThat(anyone.post(url, "[".repeat(10_000)).status()).isEqualTo(400);
    assertThat(
            anyone
                .send(
                    anyone
                        .request(url)
                        .header("Stripe-Signature", "t=\t1,v1=\u00e9\u00e9")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")))
                .status())
        .isEqualTo(400);
    assertThat(anyone.get(url).status()).isIn(405, 404);
    assertThat(anyone.post("/webhooks/razorpay", "{}").status()).isEqualTo(404);
    assertThat(anyone.post("/webhooks/%00", "{}").status()).isIn(400, 404);
  }

  @Test
  void aSignedEventOfTheWrongShapeIsRefusedOrIgnoredNeverCredited() {
    String url = paying.server.baseUrl() + "/webhooks/stripe";
    long now = java.time.Instant.now().getEpochSecond();
    for (String body :
        List.of(
            "{}",
            "[]",
            "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"checkout.session.completed\","
                + "\"data\":{\"object\":{\"object\":\"charge\"}}}",
            "{\"id\":\"evt_2\",\"object\":\"event\",\"type\":\"checkout.session.completed\","
                + "\"data\":{\"object\":{\"object\":\"checkout.session\",\"id\":[1],"
                + "\"payment_status\":\"paid\"}}}",
            "{\"id\":\"evt_3\",\"type\":\"checkout.session.completed\",\"data\":"
                + "{\"object\":".repeat(200)
                + "1"
                + "}".repeat(201))) {
      WebhookDelivery d =
          new WebhookDelivery(
              body.getBytes(),
              Map.of("Stripe-Signature", paying.stripe.signature(body.getBytes(), now)));
      assertThat(d.sendTo(url))
          .as(body.length() > 80 ? body.substring(0, 80) : body)
          .isIn(200, 400);
    }
    assertThat(balance(ada)).isGreaterThanOrEqualTo(0);
    assertThat(
            paying
                .server
                .bean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql(
                    "SELECT COUNT(*) FROM credit_entries WHERE kind = 'purchase' AND payment_id IS NULL")
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void aFloodOfForgedWebhooksCreditsNothingAndTheRealOneStillGetsThrough() throws Exception {
    Http dee = paying.user("dee-flood");
    String id = checkoutId(checkout(dee, 1));
    paying.stripe.pay(id);
    WebhookDelivery real = WebhookDelivery.last(paying.stripe.webhooks());
    String url = paying.server.baseUrl() + "/webhooks/stripe";
    List<Integer> answers =
        CreditLedgerTest.race(
            300,
            i ->
                real.withHeader(
                        "Stripe-Signature",
                        "t="
                            + java.time.Instant.now().getEpochSecond()
                            + ",v1="
                            + String.format("%064x", i))
                    .sendTo(url));
    assertThat(answers).containsOnly(400);
    assertThat(balance(dee)).isZero();
    assertThat(real.sendTo(url)).isEqualTo(200);
    // replayed: accepted (within the tolerance) and credits nothing more
    for (int i = 0; i < 20; i++) {
      assertThat(real.sendTo(url)).isEqualTo(200);
    }
    assertThat(balance(dee)).isEqualTo(1);
  }

  @Test
  void theBillingPagesAnswerBadFormsAndOthersIdsWithAPageNotATrace() {
    String bobs = Paying.readySession(bob);
    String bobsCheckout = checkoutId(checkout(bob, 1));
    for (String form :
        List.of("credits=abc", "credits=7", "credits=", "credits=1&session=" + bobs, "session=x")) {
      Http.Response r = form(ada, "/billing/checkout", form);
      assertThat(r.status()).as(form).isIn(400, 404);
      assertThat(r.body()).as(form).doesNotContain("Exception", "at dev.socra");
    }
    Http.Response forged =
        form(
            ada,
            "/billing/razorpay/return",
            "razorpay_order_id="
                + bobsCheckout
                + "&razorpay_payment_id=pay_1&razorpay_signature=00");
    assertThat(forged.status()).isEqualTo(400);
    assertThat(ada.get("/billing/return?checkout=" + bobsCheckout).status()).isEqualTo(404);
    assertThat(ada.get("/billing/return").status()).isEqualTo(400);
    assertThat(ada.get("/billing?session=" + bobs).status()).isEqualTo(404);
    // control characters in a parameter are refused before any lookup, naming the parameter
    assertThat(ada.get("/billing?session=%00%1b").status()).isEqualTo(400);
    assertThat(balance(ada)).isZero();
  }

  static Http.Response form(Http user, String path, String body) {
    return user.send(
        user.request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }
}
