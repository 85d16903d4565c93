package dev.socra.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.server.billing.Paying;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * A founder without a credit presses "Build my plan", pays on the provider's page, comes back and
 * the plan is built; the billing page shows the receipt. Stripe's redirect to its hosted page, and
 * Razorpay's Checkout opened in the page, each against its fake, with webhooks delivered as they
 * happen.
 */
class PaidPlanBrowserTest {
  static final String PASSWORD = "correct horse battery staple";

  @Test
  void aFounderPaysOnStripesPageAndThePlanIsBuilt() {
    try (Paying paying = Paying.stripe(Map.of());
        Browser browser = Browser.start(paying.server.baseUrl())) {
      paying.stripe.webhooks().automatic(true);
      interviewThenBuild(browser, "ada");

      // the payment step: the price, no credit, one button
      browser.until(d -> browser.path().startsWith("/billing?session="));
      assertThat(browser.find("h1").getText()).isEqualTo("Pay for your masterplan");
      assertThat(browser.find(".price").getText()).isEqualTo("$6.00");
      assertThat(browser.find("#balance").getText()).isEqualTo("0");
      browser.screenshot("20-payment-step");
      browser.find("button.buy").click();

      // Stripe's hosted page (the fake's)
      browser.until(d -> d.getCurrentUrl().startsWith(paying.stripe.baseUrl() + "/pay/"));
      assertThat(browser.find(".amount").getText()).startsWith("600 USD");
      browser.find("#fake-stripe-pay").click();

      // back on Socra: paid, and the plan is one click away
      browser.until(d -> browser.path().startsWith("/billing/return?checkout="));
      assertThat(browser.await(".paid-card h1").getText()).isEqualTo("Payment received");
      assertThat(browser.find("#balance").getText()).isEqualTo("1");
      browser.screenshot("21-payment-received");
      browser.find("#build-plan").click();
      planIsBuilt(browser);

      receiptShows(browser, "$6.00");
      assertThat(paying.stripe.webhooks().events()).allMatch(e -> e.delivered());
    }
  }

  @Test
  void aFounderPaysInRazorpayCheckoutAfterADeclineAndThePlanIsBuilt() {
    try (Paying paying = Paying.razorpay(Map.of());
        Browser browser = Browser.start(paying.server.baseUrl())) {
      paying.razorpay.webhooks().automatic(true);
      interviewThenBuild(browser, "bea");

      browser.until(d -> browser.path().startsWith("/billing?session="));
      assertThat(browser.find(".price").getText()).isEqualTo("₹499.00");
      browser.find("button.buy").click();

      // Razorpay Checkout opens in the page, loaded from the (fake) provider's origin
      browser.await("#fake-razorpay");
      assertThat(browser.find("#fake-razorpay .fake-amount").getText()).startsWith("499.00 INR");
      assertThat(browser.driver.getPageSource())
          .contains(Paying.RAZORPAY_KEY_ID)
          .doesNotContain(Paying.RAZORPAY_SECRET, Paying.RAZORPAY_WEBHOOK_SECRET);
      browser.screenshot("22-razorpay-checkout");
      browser.find("#fake-razorpay-decline").click();
      assertThat(browser.await("#pay-problem").getText()).contains("declined by the bank");
      browser.find("#fake-razorpay-pay").click();

      browser.until(d -> browser.path().startsWith("/billing/return?checkout="));
      assertThat(browser.await(".paid-card h1").getText()).isEqualTo("Payment received");
      browser.find("#build-plan").click();
      planIsBuilt(browser);
      receiptShows(browser, "₹499.00");
      List<WebElement> rows = browser.all(".receipt");
      assertThat(rows).hasSize(1);
    }
  }

  private static void interviewThenBuild(Browser browser, String name) {
    browser.open("/signup");
    browser.await("#name").sendKeys(name);
    browser.find("#password").sendKeys(PASSWORD);
    browser.find("form.form button[type=submit]").click();
    browser.until(d -> browser.path().equals("/sessions/new"));
    browser.find("#idea").sendKeys(Paying.IDEA);
    browser.find("form.form button[type=submit]").click();
    browser.until(d -> browser.path().matches("/sessions/[0-9a-f-]{36}"));
    browser.await("#question");
    browser.await(".reply").click();
    browser.until(
        d -> {
          List<WebElement> q = browser.all("#current[data-state=open] .from-socra .who");
          return !q.isEmpty() && q.getFirst().getText().equalsIgnoreCase("Question 2");
        });
    assertThat(browser.find(".enough .price-note").getText()).contains("one credit", "you have 0");
    browser.find(".enough button").click();
  }

  private static void planIsBuilt(Browser browser) {
    browser.until(d -> browser.path().matches("/sessions/[0-9a-f-]{36}/pipeline"));
    browser.await("#open-masterplan");
    for (WebElement card : browser.all(".stage-card")) {
      assertThat(card.getDomAttribute("data-state")).isEqualTo("done");
    }
  }

  private static void receiptShows(Browser browser, String amount) {
    browser.open("/billing");
    WebElement receipt = browser.await(".receipt");
    assertThat(receipt.getDomAttribute("data-status")).isEqualTo("paid");
    assertThat(receipt.getText()).contains(amount);
    assertThat(browser.all(".entry"))
        .extracting(e -> e.getDomAttribute("data-kind"))
        .containsExactly("spend", "purchase");
    assertThat(browser.find("#balance").getText()).isEqualTo("0");
    browser.screenshot("23-billing-receipts");
  }
}
