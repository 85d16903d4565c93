package dev.socra.server.billing;

import static dev.socra.server.billing.Paying.checkout;
import static dev.socra.server.billing.Paying.checkoutId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socra.server.billing.fake.FakeRazorpay;
import dev.socra.server.testing.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * No key secret, webhook secret or Stripe key reaches a log line, an error or a page, in any
 * encoding: through payments that work, payments refused, forged webhooks, a provider refusing the
 * server's key, and bad settings.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverShownTest {
  final List<String> seen = new ArrayList<>();

  @Test
  void stripesKeysAppearNowhere(CapturedOutput output) {
    try (Paying paying = Paying.stripe(Map.of())) {
      Http ada = paying.user("ada");
      String id = checkoutId(checkout(ada, 1));
      paying.stripe.pay(id);
      WebhookDelivery real = WebhookDelivery.last(paying.stripe.webhooks());
      String url = paying.server.baseUrl() + "/webhooks/stripe";
      real.withHeader("Stripe-Signature", "t=1,v1=" + "0".repeat(64)).sendTo(url);
      real.withBody(real.text().replace("usd", "eur")).sendTo(url);
      paying.stripe.webhooks().deliverAll();
      keep(ada.get("/api/credits"));
      keep(ada.post("/api/checkout/" + id + "/confirm", ""));
      paying.stripe.down(true);
      keep(ada.post("/api/checkout", Map.of("credits", 1)));
      paying.schedule.tick();
      paying.stripe.down(false);
      keep(ada.post("/api/sessions/" + Paying.readySession(ada) + "/pipeline", ""));
    }
    // a server whose Stripe key the provider refuses
    Map<String, String> wrongKey = new HashMap<>();
    wrongKey.put("STRIPE_SECRET_KEY", Paying.STRIPE_KEY + "-revoked");
    try (Paying paying = Paying.stripe(wrongKey)) {
      Http bo = paying.user("bo");
      Http.Response r = bo.post("/api/checkout", Map.of("credits", 1));
      assertThat(r.status()).isEqualTo(502);
      keep(r);
    }
    assertThat(output.getAll()).contains("stripe webhook refused", "stripe could not");
    assertNoSecret(output, List.of(Paying.STRIPE_KEY + "-revoked"));
  }

  @Test
  void razorpaysSecretsAppearNowhereAndPagesShowOnlyThePublicKeyId(CapturedOutput output) {
    try (Paying paying = Paying.razorpay(Map.of())) {
      Http ada = paying.user("ada");
      String order = checkoutId(checkout(ada, 1));
      FakeRazorpay.HandlerResult paid = paying.razorpay.pay(order);
      keep(
          ada.post(
              "/api/checkout/" + order + "/confirm",
              Map.of(
                  "razorpay_order_id",
                  order,
                  "razorpay_payment_id",
                  paid.paymentId(),
                  "razorpay_signature",
                  "bad")));
      WebhookDelivery real = WebhookDelivery.last(paying.razorpay.webhooks());
      real.withHeader("X-Razorpay-Signature", "nope")
          .sendTo(paying.server.baseUrl() + "/webhooks/razorpay");
      paying.razorpay.webhooks().deliverAll();
      keep(ada.get("/api/credits"));
      paying.razorpay.down(true);
      keep(ada.post("/api/checkout", Map.of("credits", 1)));
      paying.schedule.tick();
    }
    Map<String, String> wrongSecret = new HashMap<>();
    wrongSecret.put("RAZORPAY_KEY_SECRET", "rzp-secret-revoked-Ab12Cd34");
    try (Paying paying = Paying.razorpay(wrongSecret)) {
      Http.Response r = paying.user("bo").post("/api/checkout", Map.of("credits", 1));
      assertThat(r.status()).isEqualTo(502);
      keep(r);
    }
    assertThat(output.getAll()).contains("razorpay webhook refused", "razorpay answered HTTP 401");
    assertNoSecret(output, List.of("rzp-secret-revoked-Ab12Cd34"));
  }

  @Test
  void aBadSettingNamesTheVariableNeverItsSecret(CapturedOutput output) {
    Map<String, String> env = new HashMap<>();
    env.put("SOCRA_PAYMENTS", "stripe");
    env.put("SOCRA_PRICE", "6 USD");
    env.put("STRIPE_SECRET_KEY", Paying.STRIPE_KEY);
    assertThatThrownBy(() -> PaymentSettings.from(env))
        .hasMessageContaining("STRIPE_WEBHOOK_SECRET")
        .satisfies(e -> seen.add(e.getMessage()));
    env.put("STRIPE_WEBHOOK_SECRET", Paying.STRIPE_WEBHOOK_SECRET);
    env.put("STRIPE_BASE_URL", "not a url");
    assertThatThrownBy(() -> PaymentSettings.from(env))
        .hasMessageContaining("STRIPE_BASE_URL")
        .satisfies(e -> seen.add(e.getMessage()));
    env.remove("STRIPE_BASE_URL");
    seen.add(PaymentSettings.from(env).toString());
    assertNoSecret(output, List.of());
  }

  private void keep(Http.Response r) {
    seen.add(r.status() + " " + r.headers().map() + " " + r.body());
  }

  private void assertNoSecret(CapturedOutput output, List<String> more) {
    List<String> secrets = new ArrayList<>(Paying.SECRETS);
    secrets.addAll(more);
    List<String> forms = new ArrayList<>();
    for (String s : secrets) {
      forms.add(s);
      forms.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
      forms.add(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
      forms.add(
          Base64.getEncoder()
              .encodeToString((Paying.RAZORPAY_KEY_ID + ":" + s).getBytes(StandardCharsets.UTF_8)));
    }
    List<String> texts = new ArrayList<>(seen);
    texts.add(output.getAll());
    assertThat(seen).isNotEmpty();
    for (String text : texts) {
      for (String f : forms) {
        assertThat(text).doesNotContain(f);
      }
    }
  }
}
