package dev.socra.server.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socra.server.testing.Http;
import dev.socra.server.testing.TestServer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A founder deletes a session: everything stored about it goes, every address of it is 404, and the
 * ledger keeps what was spent without the link. Another user's delete deletes nothing. Here on H2,
 * on PostgreSQL in {@link SessionDeletePostgresTest}.
 */
@Tag("security")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionDeleteTest {
  static final String IDEA = "A booking tool for independent piano tuners, paid per booking";
  static final List<String> TABLES =
      List.of("turns", "scores", "assumptions", "stage_results", "stage_usage");

  TestServer server;
  Http ada;
  Http bob;
  JdbcClient db;
  String adaId;

  TestServer startServer() {
    return TestServer.start(Map.of("SOCRA_USER_RPM", "100000"));
  }

  @BeforeAll
  void start() {
    server = startServer();
    ada = Http.as(server.baseUrl(), server.userWithToken("ada"));
    bob = Http.as(server.baseUrl(), server.userWithToken("bob"));
    db = server.bean(JdbcClient.class);
    adaId = db.sql("SELECT id FROM users WHERE name = 'ada'").query(String.class).single();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  /** A session taken to its masterplan, so every table holds rows of it. */
  String finishedSession() {
    Http.Response created = ada.post("/api/sessions", Map.of("idea", IDEA, "maxTurns", 3));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().get("id").asText();
    JsonNode turn = last(ada.events("/api/sessions/" + id + "/turns/1/events"));
    while (!turn.path("interviewComplete").asBoolean()) {
      String reply = turn.path("choices").get(0).asText();
      List<Http.Event> next =
          ada.events(
              ada.request("/api/sessions/" + id + "/answers")
                  .header("Content-Type", "application/json")
                  .POST(
                      java.net.http.HttpRequest.BodyPublishers.ofString(
                          "{\"answer\":"
                              + Http.JSON.valueToTree(reply)
                              + ",\"question\":"
                              + turn.path("number").asInt()
                              + "}")),
              Integer.MAX_VALUE);
      if (next.getLast().name().equals("complete")) {
        break;
      }
      turn = next.getLast().json();
    }
    List<Http.Event> plan =
        ada.events(
            ada.request("/api/sessions/" + id + "/pipeline")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()),
            Integer.MAX_VALUE);
    assertThat(plan.getLast().name()).isEqualTo("done");
    return id;
  }

  static JsonNode last(List<Http.Event> events) {
    return events.getLast().json();
  }

  long rows(String table, String id) {
    return db.sql("SELECT COUNT(*) FROM " + table + " WHERE session_id = ?")
        .param(id)
        .query(Long.class)
        .single();
  }

  @Test
  void theOwnerDeletesEverythingStoredAboutASessionAndTheLedgerKeepsTheCost() {
    String id = finishedSession();
    for (String t : TABLES) {
      assertThat(rows(t, id)).as(t).isPositive();
    }
    long attempts = rows("llm_attempts", id);
    assertThat(attempts).isPositive();
    BigDecimal spent = spent();

    // someone else's delete is a 404 and deletes nothing
    assertThat(bob.delete("/api/sessions/" + id).status()).isEqualTo(404);
    assertThat(ada.get("/api/sessions/" + id).status()).isEqualTo(200);

    assertThat(ada.delete("/api/sessions/" + id).status()).isEqualTo(204);

    assertThat(
            db.sql("SELECT COUNT(*) FROM sessions WHERE id = ?")
                .param(id)
                .query(Long.class)
                .single())
        .isZero();
    for (String t : TABLES) {
      assertThat(rows(t, id)).as(t).isZero();
    }
    assertThat(rows("llm_attempts", id)).as("attempts still naming the session").isZero();
    assertThat(spent()).as("what was spent stays spent").isEqualByComparingTo(spent);

    for (String path :
        List.of(
            "",
            "/turns/1/events",
            "/masterplan",
            "/verdict",
            "/critique",
            "/deck",
            "/report",
            "/usage",
            "/pipeline/events")) {
      assertThat(ada.get("/api/sessions/" + id + path).status()).as(path).isEqualTo(404);
    }
    assertThat(ada.post("/api/sessions/" + id + "/answers", Map.of("answer", "yes")).status())
        .isEqualTo(404);
    assertThat(ada.post("/api/sessions/" + id + "/pipeline", "").status()).isEqualTo(404);
    assertThat(ada.delete("/api/sessions/" + id).status()).isEqualTo(404);
    for (String page : List.of("", "/pipeline", "/masterplan", "/report.md", "/delete")) {
      assertThat(ada.get("/sessions/" + id + page).status()).as(page).isEqualTo(404);
    }
    assertThat(ada.get("/api/sessions").body()).doesNotContain(id);
  }

  @Test
  void aSessionCannotBeDeletedWhileItsQuestionIsBeingWritten() {
    try (TestServer slow =
        TestServer.start(
            Map.of("SOCRA_CONFIG", slowStub().toString(), "SOCRA_USER_RPM", "100000"))) {
      Http carol = Http.as(slow.baseUrl(), slow.userWithToken("carol"));
      String id = carol.post("/api/sessions", Map.of("idea", IDEA)).json().get("id").asText();
      Http.Response refused = carol.delete("/api/sessions/" + id);
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.json().get("detail").asText()).contains("a question is being written");
      assertThat(carol.get("/api/sessions/" + id).status()).isEqualTo(200);
    }
  }

  private BigDecimal spent() {
    return db.sql("SELECT COALESCE(SUM(cost_usd), 0) FROM llm_attempts WHERE user_id = ?")
        .param(adaId)
        .query(BigDecimal.class)
        .single();
  }

  /** A stub that writes a word a second: a question is still being written a minute later. */
  private static java.nio.file.Path slowStub() {
    try {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("socra-slow-stub");
      return java.nio.file.Files.writeString(
          dir.resolve("slow.yaml"), "stub:\n  token_delay: 1s\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
