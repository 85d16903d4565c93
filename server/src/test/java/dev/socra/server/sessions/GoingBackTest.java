package dev.socra.server.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socra.core.persona.Stage;
import dev.socra.llm.Router;
import dev.socra.server.testing.AttemptGate;
import dev.socra.server.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Before the plan is built the founder can change the last answer (the question after it is written
 * again) or go back to any earlier question (the interview continues from there); the turns left
 * behind are kept in the session's history, with their scores, and in its download. Run on the
 * embedded database here and on PostgreSQL by {@link GoingBackPostgresTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoingBackTest {
  TestServer server;
  ApiClient ada;
  ApiClient bob;

  TestServer startServer() {
    return TestServer.shared();
  }

  @BeforeAll
  void start() {
    server = startServer();
    ada = new ApiClient(server.baseUrl(), server.userWithToken("going-back-ada"));
    bob = new ApiClient(server.baseUrl(), server.userWithToken("going-back-bob"));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  static final List<String> ANSWERS =
      List.of(
          "Tuners in Vermont lose two bookings a month.",
          "Nine of twelve tuners book by phone.",
          "They would pay five dollars a booking.");

  /** A session with {@code n} answers and question n + 1 open. */
  String answered(int n) {
    String id = SessionsApiTest.create(ada);
    SessionsApiTest.question(
        ada.events("GET", "/api/sessions/" + id + "/turns/1/events", null, null));
    for (int i = 0; i < n; i++) {
      SessionsApiTest.question(
          ada.events(
              "POST",
              "/api/sessions/" + id + "/answers",
              Map.of("answer", ANSWERS.get(i), "question", i + 1),
              null));
    }
    return id;
  }

  @Test
  void changingTheLastAnswerWritesTheNextQuestionAgainAndKeepsTheOldOnes() {
    String id = answered(2);
    JsonNode before = ada.get("/api/sessions/" + id).json();
    String oldThird = before.get("turns").get(2).get("question").asText();

    JsonNode third =
        SessionsApiTest.question(
            ada.events(
                "PUT",
                "/api/sessions/" + id + "/turns/2/answer",
                Map.of("answer", "I called 40 tuners; 31 still book by phone."),
                null));
    assertThat(third.get("number").asInt()).isEqualTo(3);

    JsonNode view = ada.get("/api/sessions/" + id).json();
    assertThat(view.get("turns").get(1).get("answer").asText())
        .isEqualTo("I called 40 tuners; 31 still book by phone.");
    assertThat(view.get("openQuestion").asInt()).isEqualTo(3);
    JsonNode history = view.get("history");
    assertThat(history).hasSize(2);
    assertThat(history.get(0).get("number").asInt()).isEqualTo(2);
    assertThat(history.get(0).get("answer").asText()).isEqualTo(ANSWERS.get(1));
    assertThat(history.get(0).get("evaluation").get("scores")).hasSize(8);
    assertThat(history.get(1).get("number").asInt()).isEqualTo(3);
    assertThat(history.get(1).get("question").asText()).isEqualTo(oldThird);
    assertThat(history.get(1).get("answer").isNull()).isTrue();

    // The follow of question 3 now leads to the new question, not the one set aside.
    JsonNode followed =
        SessionsApiTest.question(
            ada.events("GET", "/api/sessions/" + id + "/turns/3/events", null, null));
    assertThat(followed.get("question").asText()).isEqualTo(third.get("question").asText());

    String report = ada.get("/api/sessions/" + id + "/report").body();
    assertThat(report)
        .contains("> I called 40 tuners; 31 still book by phone.")
        .contains("### Answers set aside")
        .contains("> " + ANSWERS.get(1));
  }

  @Test
  void goingBackOpensAnEarlierQuestionAndTheInterviewContinuesFromThere() {
    String id = answered(3);
    JsonNode view = ada.post("/api/sessions/" + id + "/turns/1/reopen", null).json();
    assertThat(view.get("openQuestion").asInt()).isEqualTo(1);
    assertThat(view.get("answered").asInt()).isZero();
    assertThat(view.get("history")).hasSize(4); // answers 1 to 3, and the open question 4
    assertThat(view.get("history").findValuesAsText("reopened")).containsOnly("1");

    // an answer for a question set aside is refused: the founder went back
    var stale =
        ada.post("/api/sessions/" + id + "/answers", Map.of("answer", "late", "question", 4));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.json().get("question").asInt()).isEqualTo(1);

    JsonNode second =
        SessionsApiTest.question(
            ada.events(
                "POST",
                "/api/sessions/" + id + "/answers",
                Map.of(
                    "answer", "Three tuners told me they lost a booking last week.", "question", 1),
                null));
    assertThat(second.get("number").asInt()).isEqualTo(2);
    JsonNode after = ada.get("/api/sessions/" + id).json();
    assertThat(after.get("turns")).hasSize(2);
    assertThat(after.get("history")).hasSize(4);
    assertThat(ada.get("/api/sessions").json().findValuesAsText("id")).contains(id);
  }

  @Test
  void goingBackIsRefusedWhileAQuestionIsWrittenAndAfterThePlan() throws Exception {
    String id = answered(1);
    Router router = server.bean(Router.class);
    try (AttemptGate gate = AttemptGate.atStage(Stage.INTERVIEW_EVALUATION.id())) {
      router.addListener(gate);
      try {
        CompletableFuture<List<ApiClient.Event>> writing =
            CompletableFuture.supplyAsync(
                () ->
                    ada.events(
                        "POST",
                        "/api/sessions/" + id + "/answers",
                        Map.of("answer", ANSWERS.get(1), "question", 2),
                        null));
        gate.awaitHeld();
        var reopen = ada.post("/api/sessions/" + id + "/turns/1/reopen", null);
        assertThat(reopen.status()).isEqualTo(409);
        assertThat(reopen.json().get("detail").asText()).contains("being written");
        var change =
            ada.send("PUT", "/api/sessions/" + id + "/turns/2/answer", Map.of("answer", "x"));
        assertThat(change.status()).isEqualTo(409);
        gate.open();
        SessionsApiTest.question(writing.get(AttemptGate.PATIENCE.toSeconds(), TimeUnit.SECONDS));
      } finally {
        router.removeListener(gate);
      }
    }
    assertThat(ada.get("/api/sessions/" + id).json().get("history")).isEmpty();

    ada.post("/api/sessions/" + id + "/end", null);
    ada.events("POST", "/api/sessions/" + id + "/pipeline", null, null);
    var afterPlan = ada.post("/api/sessions/" + id + "/turns/1/reopen", null);
    assertThat(afterPlan.status()).isEqualTo(409);
    assertThat(afterPlan.json().get("detail").asText()).contains("interview is over");
  }

  @Test
  void badGoingBackIsRefusedPlainly() {
    String id = answered(1);
    var unanswered = ada.post("/api/sessions/" + id + "/turns/2/reopen", null);
    assertThat(unanswered.status()).isEqualTo(409);
    assertThat(unanswered.json().get("detail").asText()).contains("no answer to change");
    assertThat(ada.post("/api/sessions/" + id + "/turns/99/reopen", null).status()).isEqualTo(409);
    assertThat(ada.post("/api/sessions/" + id + "/turns/0/reopen", null).status()).isEqualTo(409);
    var notANumber = ada.post("/api/sessions/" + id + "/turns/two/reopen", null);
    assertThat(notANumber.status()).isEqualTo(400);
    var empty = ada.send("PUT", "/api/sessions/" + id + "/turns/1/answer", Map.of("answer", " "));
    assertThat(empty.status()).isEqualTo(400);
    var huge =
        ada.send(
            "PUT", "/api/sessions/" + id + "/turns/1/answer", Map.of("answer", "y".repeat(2_500)));
    assertThat(huge.status()).isEqualTo(400);
    assertThat(huge.json().get("detail").asText()).contains("limit is 2000");
    var control =
        ada.send("PUT", "/api/sessions/" + id + "/turns/1/answer", Map.of("answer", "a\u001bb"));
    assertThat(control.status()).isEqualTo(400);
    // another user's session: not found
    assertThat(bob.post("/api/sessions/" + id + "/turns/1/reopen", null).status()).isEqualTo(404);
    assertThat(
            bob.send("PUT", "/api/sessions/" + id + "/turns/1/answer", Map.of("answer", "mine"))
                .status())
        .isEqualTo(404);
    JsonNode view = ada.get("/api/sessions/" + id).json();
    assertThat(view.get("history")).isEmpty();
    assertThat(view.get("turns").get(0).get("answer").asText()).isEqualTo(ANSWERS.get(0));
  }
}
