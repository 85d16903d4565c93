package dev.socra.server.billing;

import static dev.socra.server.billing.Paying.checkout;
import static dev.socra.server.billing.Paying.checkoutId;
import static dev.socra.server.billing.Paying.readySession;
import static dev.socra.server.billing.Paying.runPipeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.server.testing.Http;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin's revenue and LLM cost per paid session, from the ledger and the attempt ledger. */
class MarginPageTest {

  @Test
  void theAdminSeesRevenueAndLlmCostPerPaidSessionAndFoundersDoNot() {
    try (Paying paying = Paying.razorpay(Map.of())) {
      Http admin = paying.user("operator"); // the first user is the admin
      Http ada = paying.user("ada");
      String session = readySession(ada);
      String order = checkoutId(checkout(ada, 1));
      paying.razorpay.pay(order);
      paying.razorpay.webhooks().deliverAll();
      assertThat(runPipeline(ada, session).getLast().name()).isEqualTo("done");

      assertThat(admin.get("/admin").body()).contains("href=\"/billing/admin\"");
      Http.Response page = admin.get("/billing/admin");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body()).contains("Revenue and margin", "₹499.00", "piano tuners", "ada");
      assertThat(page.body()).containsPattern("\\$0\\.\\d{4}");
      Http.Response refused = ada.get("/billing/admin");
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.body()).doesNotContain("₹499.00");
    }
  }
}
