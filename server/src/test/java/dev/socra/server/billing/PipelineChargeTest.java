package dev.socra.server.billing;

import static dev.socra.server.billing.Paying.balance;
import static dev.socra.server.billing.Paying.readySession;
import static dev.socra.server.billing.Paying.runPipeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.server.testing.Http;
import dev.socra.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run costs: one credit when it starts, given back when it fails on the server's side,
 * nothing in demo mode or without payment settings.
 */
class PipelineChargeTest {

  @Test
  void aRunThatFailsOnTheServersSideGivesItsCreditBackAndARetrySpendsAgain(@TempDir Path dir)
      throws IOException {
    FailingStages stages = new FailingStages();
    // The failing run must not open the stub's circuit: the retry is meant to reach it at once.
    Path config =
        Files.writeString(
            dir.resolve("socra.yaml"), "circuit: { minimum_calls: 1000, window: 1000 }\n");
    Map<String, String> env = Map.of("SOCRA_FREE_CREDITS", "1", "SOCRA_CONFIG", config.toString());
    try (Paying paying = Paying.stripe(env, false, stages)) {
      Http ada = paying.user("ada");
      String session = readySession(ada);
      assertThat(balance(ada)).isEqualTo(1);

      stages.failing = true;
      List<Http.Event> failed = runPipeline(ada, session);
      assertThat(failed.getLast().name()).isEqualTo("failed");
      assertThat(balance(ada)).isEqualTo(1);
      assertThat(ada.get("/api/credits").json().get("entries").findValuesAsText("kind"))
          .containsExactly("refund", "spend", "grant");

      stages.failing = false;
      assertThat(runPipeline(ada, session).getLast().name()).isEqualTo("done");
      assertThat(balance(ada)).isZero();
      // the done plan replays for free, however often it is asked for
      assertThat(runPipeline(ada, session).getLast().name()).isEqualTo("done");
      assertThat(balance(ada)).isZero();
      assertThat(ada.get("/api/credits").json().get("entries").findValuesAsText("kind"))
          .containsExactly("spend", "refund", "spend", "grant");
    }
  }

  @Test
  void demoModeIsFreeEvenWithPaymentsConfigured() {
    Map<String, String> env = new HashMap<>();
    env.put("SOCRA_PAYMENTS", "stripe");
    env.put("SOCRA_PRICE", "6 USD");
    env.put("STRIPE_SECRET_KEY", Paying.STRIPE_KEY);
    env.put("STRIPE_WEBHOOK_SECRET", Paying.STRIPE_WEBHOOK_SECRET);
    env.put("STRIPE_BASE_URL", "http://127.0.0.1:9");
    try (TestServer server = TestServer.start(env, new ManualSchedule())) {
      Http ada = Http.as(server.baseUrl(), server.userWithToken("ada"));
      String session = readySession(ada);
      assertThat(runPipeline(ada, session).getLast().name()).isEqualTo("done");
      assertThat(ada.get("/api/credits").json().get("charging").asBoolean()).isFalse();
      assertThat(balance(ada)).isZero();
    }
  }

  @Test
  void withoutPaymentSettingsEverythingIsFreeAndNothingIsSold() {
    try (TestServer server = TestServer.start(Paying.charged())) {
      Http ada = Http.as(server.baseUrl(), server.userWithToken("ada"));
      String session = readySession(ada);
      assertThat(runPipeline(ada, session).getLast().name()).isEqualTo("done");
      assertThat(ada.get("/api/credits").json().get("charging").asBoolean()).isFalse();
      assertThat(ada.get("/api/credits").json().get("price").isNull()).isTrue();
      Http.Response r = ada.post("/api/checkout", Map.of("credits", 1));
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.json().get("detail").asText()).contains("free");
      assertThat(Http.anonymous(server.baseUrl()).post("/webhooks/stripe", "{}").status())
          .isEqualTo(404);
    }
  }
}
