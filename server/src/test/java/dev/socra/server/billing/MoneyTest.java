package dev.socra.server.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prices as an operator writes them, stored in minor units, never as floats. */
class MoneyTest {

  @Test
  void aPriceIsStoredInTheCurrencysMinorUnit() {
    assertThat(Money.parse("499 INR").minor()).isEqualTo(49_900);
    assertThat(Money.parse("4.99 usd").minor()).isEqualTo(499);
    assertThat(Money.parse("800 JPY").minor()).isEqualTo(800);
    assertThat(Money.parse("1.250 BHD").minor()).isEqualTo(1_250);
    assertThat(Money.parse("0.10 USD").minor()).isEqualTo(10);
  }

  @Test
  void aPriceIsShownAsPeopleReadIt() {
    assertThat(Money.parse("499 INR").display()).isEqualTo("₹499.00");
    assertThat(Money.parse("1299 INR").display()).isEqualTo("₹1,299.00");
    assertThat(Money.parse("6 USD").display()).isEqualTo("$6.00");
    assertThat(Money.parse("800 JPY").display()).isEqualTo("￥800");
    assertThat(Money.parse("499 INR").major()).isEqualTo("499.00");
  }

  @Test
  void anAmountThatCannotBeChargedIsRefusedWithTheReason() {
    assertThatThrownBy(() -> Money.parse("12.5 JPY")).hasMessageContaining("no minor unit");
    assertThatThrownBy(() -> Money.parse("4.999 USD")).hasMessageContaining("2 decimal places");
    assertThatThrownBy(() -> Money.parse("0 INR")).hasMessageContaining("more than zero");
    assertThatThrownBy(() -> Money.parse("-5 INR")).hasMessageContaining("more than zero");
    assertThatThrownBy(() -> Money.parse("499 RUPEES")).hasMessageContaining("ISO 4217");
    assertThatThrownBy(() -> Money.parse("499")).hasMessageContaining("499 INR");
    assertThatThrownBy(() -> Money.parse("1e30 USD")).hasMessageContaining("too large");
    assertThatThrownBy(() -> Money.parse("NaN USD")).hasMessageContaining("not an amount");
  }

  @Test
  void withoutPaymentSettingsNothingIsSold() {
    PaymentSettings s = PaymentSettings.from(Map.of());
    assertThat(s.enabled()).isFalse();
    assertThat(PaymentSettings.from(Map.of("SOCRA_PAYMENTS", "off")).enabled()).isFalse();
  }

  @Test
  void bundlesArePricedInThePricesCurrency() {
    PaymentSettings s =
        PaymentSettings.from(
            Map.of(
                "SOCRA_PAYMENTS", "razorpay",
                "SOCRA_PRICE", "499 INR",
                "SOCRA_BUNDLES", "1:499, 3:1299",
                "SOCRA_FREE_CREDITS", "1",
                "RAZORPAY_KEY_ID", "rzp_test_x",
                "RAZORPAY_KEY_SECRET", "s",
                "RAZORPAY_WEBHOOK_SECRET", "w"));
    assertThat(s.bundles()).extracting(Bundle::credits).containsExactly(1, 3);
    assertThat(s.bundle(3).orElseThrow().price().minor()).isEqualTo(129_900);
    assertThat(s.bundle(2)).isEmpty();
    assertThat(s.freeCredits()).isEqualTo(1);
  }

  @Test
  void aBadPaymentSettingStopsTheStartNamingTheVariable() {
    assertThatThrownBy(() -> PaymentSettings.from(Map.of("SOCRA_PAYMENTS", "paypal")))
        .hasMessageContaining("SOCRA_PAYMENTS must be 'razorpay' or 'stripe'");
    assertThatThrownBy(() -> PaymentSettings.from(Map.of("SOCRA_PAYMENTS", "stripe")))
        .hasMessageContaining("SOCRA_PRICE must be set");
    assertThatThrownBy(
            () ->
                PaymentSettings.from(
                    Map.of("SOCRA_PAYMENTS", "razorpay", "SOCRA_PRICE", "499 INR")))
        .hasMessageContaining("RAZORPAY_KEY_ID must be set");
    assertThatThrownBy(() -> PaymentSettings.from(Map.of("SOCRA_BUNDLES", "1:499,1:500")))
        .hasMessageContaining("SOCRA_BUNDLES", "two bundles of 1");
    assertThatThrownBy(() -> PaymentSettings.from(Map.of("SOCRA_BUNDLES", "three:1299")))
        .hasMessageContaining("SOCRA_BUNDLES");
    assertThatThrownBy(() -> PaymentSettings.from(Map.of("SOCRA_FREE_CREDITS", "-1")))
        .hasMessageContaining("SOCRA_FREE_CREDITS");
  }

  @Test
  void thePagesMustAllowExactlyTheCheckoutsOrigins() {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("SOCRA_PAYMENTS", "razorpay");
    env.put("SOCRA_PRICE", "499 INR");
    env.put("RAZORPAY_KEY_ID", "rzp_test_x");
    env.put("RAZORPAY_KEY_SECRET", "s");
    env.put("RAZORPAY_WEBHOOK_SECRET", "w");
    assertThat(PaymentSettings.from(env).pageSources())
        .containsEntry("script-src", java.util.List.of("https://checkout.razorpay.com"))
        .containsEntry(
            "frame-src",
            java.util.List.of("https://checkout.razorpay.com", "https://api.razorpay.com"));
    env.put("RAZORPAY_CHECKOUT_JS", "http://127.0.0.1:4321/checkout.js");
    env.put("RAZORPAY_BASE_URL", "http://127.0.0.1:4321");
    assertThat(PaymentSettings.from(env).pageSources())
        .containsEntry("script-src", java.util.List.of("http://127.0.0.1:4321"));
    assertThat(PaymentSettings.from(Map.of()).pageSources()).isEmpty();
  }
}
