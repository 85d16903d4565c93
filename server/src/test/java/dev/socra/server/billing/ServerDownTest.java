package dev.socra.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.core.persona.Stage;
import dev.socra.server.billing.fake.FakeStripe;
import dev.socra.server.testing.Http;
import dev.socra.server.testing.ServerProcess;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server killed and started again: a paid run resumes without spending again, and a payment made
 * while the server was down (its webhook never answered) is found and credited when it starts.
 */
class ServerDownTest {

  static Map<String, String> env(FakeStripe stripe, Path dir) throws Exception {
    Path config = dir.resolve("stub.yaml");
    Files.writeString(config, "stub:\n  token_delay: 0ms\n");
    Map<String, String> env = new HashMap<>(Paying.charged());
    env.put("SOCRA_CONFIG", config.toString());
    env.put("SOCRA_PAYMENTS", "stripe");
    env.put("SOCRA_PRICE", "6 USD");
    env.put("STRIPE_SECRET_KEY", Paying.STRIPE_KEY);
    env.put("STRIPE_WEBHOOK_SECRET", Paying.STRIPE_WEBHOOK_SECRET);
    env.put("STRIPE_BASE_URL", stripe.baseUrl());
    env.put("SOCRA_FREE_CREDITS", "1");
    // the killed server's lease on its run expires soon, so the restart takes it over soon
    env.put("SOCRA_WORK_LEASE", "3s");
    env.put("SOCRA_WORK_HEARTBEAT", "1s");
    return env;
  }

  @Test
  void aKilledServerResumesAPaidRunWithoutSpendingAgainAndCreditsWhatWasPaidWhileItWasDown()
      throws Exception {
    Path data = Files.createTempDirectory("socra-paid-crash");
    try (FakeStripe stripe =
        new FakeStripe(Paying.STRIPE_KEY, Paying.STRIPE_WEBHOOK_SECRET, Clock.systemUTC())) {
      Map<String, String> env = env(stripe, data);
      String token;
      String session;
      String checkout;
      // The first server holds the devil's advocate (the stage after the specialists) when it
      // starts: the run is provably still going when the server is killed.
      Map<String, String> holding = new HashMap<>(env);
      holding.put(ServerProcess.HOLD_STAGE, Stage.DEVILS_ADVOCATE.id());
      try (ServerProcess first = ServerProcess.start(data, holding, "ada")) {
        token = first.token();
        stripe.webhooks().endpoint(first.baseUrl() + "/webhooks/stripe");
        Http ada = Http.as(first.baseUrl(), token);
        session = Paying.readySession(ada);
        checkout = Paying.checkoutId(Paying.checkout(ada, 1));
        List<Http.Event> seen =
            ada.events(
                ada.request("/api/sessions/" + session + "/pipeline")
                    .POST(HttpRequest.BodyPublishers.noBody()),
                3);
        assertThat(seen).isNotEmpty();
        assertThat(Paying.balance(ada)).isZero(); // the welcome credit, spent
        first.kill();
      }
      // paid while the server is down: Stripe tries, and nobody answers
      stripe.pay(checkout);
      assertThat(stripe.webhooks().deliverAll()).containsOnly(599);

      try (ServerProcess second = ServerProcess.start(data, env, null)) {
        Http ada = Http.as(second.baseUrl(), token);
        List<Http.Event> after = ada.events("/api/sessions/" + session + "/pipeline/events");
        assertThat(after.getLast().name()).as(after.getLast().data()).isEqualTo("done");
        // the first reconciliation, at start, finds the payment
        assertThat(eventually(() -> Paying.balance(ada) == 1)).isTrue();
        assertThat(ada.get("/api/credits").json().get("entries").findValuesAsText("kind"))
            .containsExactlyInAnyOrder("purchase", "spend", "grant");
        assertThat(
                ada.get("/api/checkout/" + checkout).json().get("checkout").get("status").asText())
            .isEqualTo("paid");
      }
    }
  }

  /** Polls a condition the server reaches by itself at start (its first reconciliation). */
  static boolean eventually(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(200);
    }
    return condition.getAsBoolean();
  }
}
