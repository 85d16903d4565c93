package dev.socra.server.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socra.server.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The sessions API end to end over HTTP, in demo mode; run on the embedded database here and on
 * PostgreSQL by {@link SessionsApiPostgresTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionsApiTest {
  static final String IDEA =
      "A booking tool for independent piano tuners in small towns, paid per booking";
  TestServer server;
  ApiClient ada;
  ApiClient bob;

  TestServer startServer() {
    return TestServer.shared();
  }

  @BeforeAll
  void start() {
    server = startServer();
    ada = new ApiClient(server.baseUrl(), server.userWithToken("sessions-ada"));
    bob = new ApiClient(server.baseUrl(), server.userWithToken("sessions-bob"));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  static String create(ApiClient user) {
    var r = user.post("/api/sessions", Map.of("idea", IDEA));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  /**
   * The question streams as token events, then one question event when its words are complete (the
   * answer may be sent from then on), and ends with one turn event.
   */
  static JsonNode question(List<ApiClient.Event> events) {
    assertThat(events).isNotEmpty();
    ApiClient.Event last = events.getLast();
    assertThat(last.name()).as(last.data()).isEqualTo("turn");
    assertThat(events.get(events.size() - 2).name()).isEqualTo("question");
    List<ApiClient.Event> tokens = events.subList(0, events.size() - 2);
    assertThat(tokens).allMatch(e -> e.name().equals("token"));
    String streamed =
        tokens.stream().map(e -> e.json().get("text").asText()).reduce("", String::concat);
    JsonNode written = events.get(events.size() - 2).json();
    assertThat(written.get("question").asText()).isEqualTo(streamed);
    assertThat(written.get("number").asInt()).isEqualTo(last.json().get("number").asInt());
    JsonNode turn = last.json();
    // The stream may end in the whitespace before the hidden evaluation; the stored question is
    // trimmed.
    assertThat(streamed.strip()).isEqualTo(turn.get("question").asText());
    return turn;
  }

  @Test
  void aSessionGoesFromIdeaToMasterplan() {
    String id = create(ada);
    JsonNode turn =
        question(ada.events("GET", "/api/sessions/" + id + "/turns/1/events", null, null));
    assertThat(turn.get("number").asInt()).isEqualTo(1);
    assertThat(turn.get("scores")).hasSize(8);
    assertThat(turn.get("choices").size()).isBetween(2, 4);
    assertThat(turn.get("assumptions").size()).isPositive();

    for (int i = 2; i <= 4; i++) {
      String choice = turn.get("choices").get(0).asText();
      turn =
          question(
              ada.events(
                  "POST",
                  "/api/sessions/" + id + "/answers",
                  Map.of("answer", choice, "question", i - 1),
                  null));
      assertThat(turn.get("number").asInt()).isEqualTo(i);
    }
    JsonNode view = ada.get("/api/sessions/" + id).json();
    assertThat(view.get("answered").asInt()).isEqualTo(3);
    assertThat(view.get("turns")).hasSize(4);
    assertThat(view.get("turns").get(0).get("answer").asText()).isNotBlank();

    var ended = ada.post("/api/sessions/" + id + "/end", null);
    assertThat(ended.status()).as(ended.body()).isEqualTo(200);
    assertThat(ended.json().get("ended").asBoolean()).isTrue();

    List<ApiClient.Event> progress =
        ada.events("POST", "/api/sessions/" + id + "/pipeline", null, null);
    assertThat(progress.getLast().name()).as(progress.getLast().data()).isEqualTo("done");
    assertThat(
            progress.stream()
                .filter(e -> e.name().equals("stage"))
                .map(e -> e.json().get("state").asText() + ":" + e.json().get("stage").asText()))
        .contains(
            "finished:specialist-market",
            "finished:specialist-architecture",
            "finished:specialist-economics",
            "finished:specialist-go-to-market",
            "finished:specialist-risk",
            "finished:synthesis",
            "finished:devils-advocate",
            "finished:tribunal",
            "finished:deck");
    JsonNode finished =
        progress.stream()
            .filter(
                e -> e.name().equals("stage") && e.json().get("state").asText().equals("finished"))
            .findFirst()
            .orElseThrow()
            .json();
    assertThat(finished.get("servedBy").get(0).asText()).isEqualTo("stub/socra-demo");
    assertThat(finished.get("outputTokens").asInt()).isPositive();

    var plan = ada.get("/api/sessions/" + id + "/masterplan");
    assertThat(plan.status()).isEqualTo(200);
    assertThat(plan.json().get("components").size()).isPositive();
    var planMd = ada.get("/api/sessions/" + id + "/masterplan?format=markdown");
    assertThat(planMd.body()).startsWith("## Architecture masterplan");
    assertThat(ada.get("/api/sessions/" + id + "/verdict").json().get("decision").asText())
        .isNotBlank();
    assertThat(ada.get("/api/sessions/" + id + "/deck").json().get("slides").size()).isPositive();
    assertThat(ada.get("/api/sessions/" + id + "/critique").status()).isEqualTo(200);
    assertThat(ada.get("/api/sessions/" + id + "/report").body())
        .startsWith("# Socra masterplan")
        .contains("## Verdict");

    JsonNode usage = ada.get("/api/sessions/" + id + "/usage").json();
    assertThat(usage.get("stages").size()).isGreaterThanOrEqualTo(10);
    assertThat(usage.get("outputTokens").asInt()).isPositive();

    JsonNode list = ada.get("/api/sessions").json();
    assertThat(list.findValuesAsText("id")).contains(id);
    assertThat(ada.get("/api/sessions/" + id).json().get("status").asText()).isEqualTo("done");

    // Following the pipeline again replays what happened; posting again does not rerun it.
    List<ApiClient.Event> again =
        ada.events("POST", "/api/sessions/" + id + "/pipeline", null, null);
    assertThat(again.getLast().name()).isEqualTo("done");
  }

  @Test
  void anotherUsersSessionIsNotFoundOnEveryEndpoint() {
    String id = create(ada);
    question(ada.events("GET", "/api/sessions/" + id + "/turns/1/events", null, null));
    String s = "/api/sessions/" + id;
    for (String path :
        List.of(
            s,
            s + "/masterplan",
            s + "/verdict",
            s + "/critique",
            s + "/deck",
            s + "/report",
            s + "/usage",
            s + "/turns/1/events",
            s + "/pipeline/events")) {
      assertThat(bob.get(path).status()).as(path).isEqualTo(404);
    }
    assertThat(bob.post(s + "/answers", Map.of("answer", "mine now", "question", 1)).status())
        .isEqualTo(404);
    assertThat(bob.post(s + "/end", null).status()).isEqualTo(404);
    assertThat(bob.post(s + "/pipeline", null).status()).isEqualTo(404);
    assertThat(bob.get("/api/sessions").json().findValuesAsText("id")).doesNotContain(id);
    // ada's session is untouched by bob's tries
    JsonNode view = ada.get(s).json();
    assertThat(view.get("answered").asInt()).isZero();
    assertThat(view.get("status").asText()).isEqualTo("interview");
  }

  @Test
  void badRequestsSayWhatIsWrong() {
    var tooShort = ada.post("/api/sessions", Map.of("idea", "app"));
    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(tooShort.json().get("detail").asText()).contains("at least 10 characters");
    var tooLong = ada.post("/api/sessions", Map.of("idea", "x".repeat(4_001)));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(ada.get("/api/sessions/no-such-id").status()).isEqualTo(404);

    String id = create(ada);
    question(ada.events("GET", "/api/sessions/" + id + "/turns/1/events", null, null));
    var empty =
        ada.post("/api/sessions/" + id + "/answers", Map.of("answer", "   ", "question", 1));
    assertThat(empty.status()).isEqualTo(400);
    var early = ada.post("/api/sessions/" + id + "/pipeline", null);
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.json().get("detail").asText()).contains("answer at least one question");
    assertThat(ada.get("/api/sessions/" + id + "/masterplan").status()).isEqualTo(404);

    question(
        ada.events(
            "POST",
            "/api/sessions/" + id + "/answers",
            Map.of("answer", "Tuners in Vermont", "question", 1),
            null));
    var noUser = new ApiClient(server.baseUrl(), null).get("/api/sessions/" + id);
    assertThat(noUser.status()).isEqualTo(401);
  }

  @Test
  void aFinishedQuestionReplaysFromTheLastEventTheClientSaw() {
    String id = create(ada);
    String path = "/api/sessions/" + id + "/turns/1/events";
    List<ApiClient.Event> all = ada.events("GET", path, null, null);
    question(all);
    String third = all.get(2).id();
    List<ApiClient.Event> rest = ada.events("GET", path, null, third);
    assertThat(rest).isEqualTo(all.subList(3, all.size()));
  }

  @Test
  void foundersFollowingTheirFirstQuestionAsItFinishesAllGetIt() throws Exception {
    // The question is written in the background while the client connects: whichever comes first,
    // the client gets the whole question, never a second one started by mistake.
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      List<java.util.concurrent.Future<JsonNode>> turns = new java.util.ArrayList<>();
      for (int i = 0; i < 24; i++) {
        turns.add(
            pool.submit(
                () ->
                    question(
                        ada.events(
                            "GET",
                            "/api/sessions/" + create(ada) + "/turns/1/events",
                            null,
                            null))));
      }
      for (var t : turns) {
        assertThat(t.get().get("number").asInt()).isEqualTo(1);
      }
    }
  }
}
