package dev.socra.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.llm.Attempt;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.Router;
import dev.socra.llm.Usage;
import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.outcome.Outcome;
import dev.socra.llm.route.TargetId;
import dev.socra.llm.testkit.FakeProvider;
import dev.socra.server.testing.Http;
import dev.socra.server.testing.TestServer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ledger writes rows in batches on a thread of its own: none may be lost when the server stops,
 * and the daily spend cap must still see a call's cost before the next call.
 */
class LedgerBatchingTest {

  @Test
  void everyRowIsInTheDatabaseAfterTheServerCloses() throws Exception {
    int calls = 450; // more than two batches, the last one still queued when close begins
    TestServer server = TestServer.start();
    Path dir = server.dataDir();
    try {
      Router router = server.bean(Router.class);
      for (int i = 0; i < calls; i++) {
        router.complete(
            ChatRequest.of("Who pays first?")
                .withMaxTokens(20)
                .withTag(ChatRequest.TAG_USER, "batch-user"));
      }
    } finally {
      server.close();
    }
    try (Connection c =
            DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("socra"), "sa", "");
        PreparedStatement s =
            c.prepareStatement("SELECT COUNT(*) FROM llm_attempts WHERE user_id = ?")) {
      s.setString(1, "batch-user");
      try (ResultSet r = s.executeQuery()) {
        r.next();
        assertThat(r.getLong(1)).isEqualTo(calls);
      }
    }
  }

  @Test
  void closingTheWriterWritesWhatIsStillQueued() {
    try (TestServer server = TestServer.start()) {
      LedgerWriter writer = server.bean(LedgerWriter.class);
      RouterEvent.AttemptFinished event =
          new RouterEvent.AttemptFinished(
              1,
              "default",
              new Attempt(
                  1,
                  new TargetId("fake", "ok"),
                  new Outcome.Success("stop"),
                  200,
                  Instant.now(),
                  Duration.ofMillis(800),
                  Duration.ofMillis(200),
                  new Usage(2400, 500, false),
                  new BigDecimal("0.00340000"),
                  false),
              Map.of(ChatRequest.TAG_USER, "queued-user"));
      int rows = LedgerWriter.BATCH + 50; // one batch wakes the writer; 50 rows are left queued
      for (int i = 0; i < rows; i++) {
        writer.onEvent(event);
      }
      writer.close(); // at once: well within the writer's wait, so the last rows are still queued
      assertThat(
              server
                  .bean(JdbcClient.class)
                  .sql("SELECT COUNT(*) FROM llm_attempts WHERE user_id = 'queued-user'")
                  .query(Long.class)
                  .single())
          .isEqualTo(rows);
    }
  }

  @Test
  void theSpendCapRefusesTheCallRightAfterTheOneThatCrossedIt() throws Exception {
    try (FakeProvider fake = FakeProvider.start(0)) {
      Path dir = Files.createTempDirectory("socra-ledger-batching");
      Map<String, String> env =
          new HashMap<>(FakeConfig.write(dir, fake, "default: [fake/ok]", ""));
      // Far below one call's cost: the first call is admitted, its cost crosses the cap.
      env.put("SOCRA_USER_DAILY_USD", "0.000001");
      try (TestServer server = TestServer.start(env)) {
        Http ada = Http.as(server.baseUrl(), server.userWithToken("cap-ada"));
        String body =
            "{\"model\":\"default\",\"max_tokens\":20,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}";
        assertThat(ada.post("/v1/chat/completions", body).status()).isEqualTo(200);
        Http.Response refused = ada.post("/v1/chat/completions", body);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().at("/error/type").asText()).isEqualTo("insufficient_quota");
      }
    }
  }
}
