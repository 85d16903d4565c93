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
 * Every answer says which question it answers, so two tabs (or two programs) on one session can
 * never file an answer under the wrong question or drop it unseen: a stale answer is refused with
 * the current question, and an answer sent as soon as the question's words are there waits for its
 * quick replies instead of being refused. An {@link AttemptGate} holds a question mid-turn for as
 * long as each test needs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnswerRulesTest {
  TestServer server;
  Router router;
  ApiClient tabA;
  ApiClient tabB;
  ApiClient bob;

  @BeforeAll
  void start() {
    server = TestServer.shared();
    router = server.bean(Router.class);
    String token = server.userWithToken("answers-ada");
    // two clients of one user: two tabs
    tabA = new ApiClient(server.baseUrl(), token);
    tabB = new ApiClient(server.baseUrl(), token);
    bob = new ApiClient(server.baseUrl(), server.userWithToken("answers-bob"));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  /** A session whose first question is written and open. */
  String session() {
    String id = SessionsApiTest.create(tabA);
    SessionsApiTest.question(
        tabA.events("GET", "/api/sessions/" + id + "/turns/1/events", null, null));
    return id;
  }

  JsonNode answer(ApiClient tab, String id, int question, String text) {
    return SessionsApiTest.question(
        tab.events(
            "POST",
            "/api/sessions/" + id + "/answers",
            Map.of("answer", text, "question", question),
            null));
  }

  @Test
  void anAnswerThatDoesNotSayWhichQuestionItAnswersIsRefusedNamingTheField() {
    String id = session();
    var r = tabA.post("/api/sessions/" + id + "/answers", Map.of("answer", "Tuners in Vermont"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("detail").asText()).contains("'question' is required");
    var wrongKind =
        tabA.post(
            "/api/sessions/" + id + "/answers", Map.of("answer", "Tuners", "question", "first"));
    assertThat(wrongKind.status()).isEqualTo(400);
    assertThat(wrongKind.json().get("detail").asText()).contains("'question'");
    assertThat(tabA.get("/api/sessions/" + id).json().get("answered").asInt())
        .as("nothing was filed")
        .isZero();
  }

  @Test
  void aSecondTabsAnswerToAQuestionAlreadyAnsweredIsRefusedWithTheCurrentQuestion() {
    String id = session();
    JsonNode second = answer(tabA, id, 1, "Tuners in Vermont lose two bookings a month.");
    // tab B still shows question 1
    var stale =
        tabB.post(
            "/api/sessions/" + id + "/answers",
            Map.of("answer", "Tab B's answer to question 1", "question", 1));
    assertThat(stale.status()).isEqualTo(409);
    JsonNode problem = stale.json();
    assertThat(problem.get("question").asInt()).isEqualTo(2);
    assertThat(problem.get("currentQuestion").asText()).isEqualTo(second.get("question").asText());
    assertThat(problem.get("detail").asText())
        .contains("question 1")
        .contains("question 2")
        .contains("not stored");
    JsonNode view = tabA.get("/api/sessions/" + id).json();
    assertThat(view.get("turns").get(0).get("answer").asText())
        .isEqualTo("Tuners in Vermont lose two bookings a month.");
    assertThat(view.get("turns").get(1).get("answer").isNull())
        .as("not filed under question 2 either")
        .isTrue();
    assertThat(view.get("openQuestion").asInt()).isEqualTo(2);
    // the same answer sent twice (a replay) is stored once
    var replay =
        tabA.post(
            "/api/sessions/" + id + "/answers",
            Map.of("answer", "Tuners in Vermont lose two bookings a month.", "question", 1));
    assertThat(replay.status()).isEqualTo(409);
    assertThat(tabA.get("/api/sessions/" + id).json().get("answered").asInt()).isEqualTo(1);
  }

  @Test
  void anAnswerSentWhileTheNextQuestionIsBeingWrittenIsRefusedOutLoudNotDropped() throws Exception {
    String id = session();
    // Hold question 2 at its evaluation: nothing of it is written yet.
    try (AttemptGate gate = AttemptGate.atStage(Stage.INTERVIEW_EVALUATION.id())) {
      router.addListener(gate);
      try {
        CompletableFuture<List<ApiClient.Event>> first =
            CompletableFuture.supplyAsync(
                () ->
                    tabA.events(
                        "POST",
                        "/api/sessions/" + id + "/answers",
                        Map.of("answer", "Tuners in Vermont", "question", 1),
                        null));
        gate.awaitHeld();
        var stale =
            tabB.post(
                "/api/sessions/" + id + "/answers",
                Map.of("answer", "Tab B, a moment too late", "question", 1));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("question").asInt()).isEqualTo(2);
        assertThat(stale.json().get("currentQuestion").isNull())
            .as("question 2 is still being written")
            .isTrue();
        assertThat(stale.json().get("detail").asText()).contains("being written");
        gate.open();
        SessionsApiTest.question(first.get(AttemptGate.PATIENCE.toSeconds(), TimeUnit.SECONDS));
      } finally {
        router.removeListener(gate);
      }
    }
    JsonNode view = tabA.get("/api/sessions/" + id).json();
    assertThat(view.get("answered").asInt()).isEqualTo(1);
    assertThat(view.get("turns").get(0).get("answer").asText()).isEqualTo("Tuners in Vermont");
  }

  @Test
  void anAnswerSentOnceTheQuestionsWordsAreThereWaitsForItsQuickReplies() throws Exception {
    String id = session();
    // Hold question 2 after its words were streamed, before its turn (replies, scores) is stored.
    try (AttemptGate gate = AttemptGate.atStage(Stage.INTERVIEW_QUESTION.id())) {
      router.addListener(gate);
      try {
        CompletableFuture<List<ApiClient.Event>> first =
            CompletableFuture.supplyAsync(
                () ->
                    tabA.events(
                        "POST",
                        "/api/sessions/" + id + "/answers",
                        Map.of("answer", "Tuners in Vermont", "question", 1),
                        null,
                        Integer.MAX_VALUE,
                        e -> e.name().equals("question")));
        List<ApiClient.Event> upToQuestion =
            first.get(AttemptGate.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(upToQuestion.getLast().json().get("number").asInt()).isEqualTo(2);
        gate.awaitHeld();
        assertThat(tabA.get("/api/sessions/" + id).json().get("openQuestion").isNull())
            .as("the turn is not stored yet")
            .isTrue();
        CompletableFuture<List<ApiClient.Event>> early =
            CompletableFuture.supplyAsync(
                () ->
                    tabA.events(
                        "POST",
                        "/api/sessions/" + id + "/answers",
                        Map.of("answer", "Nine of twelve book by phone.", "question", 2),
                        null));
        gate.open();
        JsonNode third =
            SessionsApiTest.question(early.get(AttemptGate.PATIENCE.toSeconds(), TimeUnit.SECONDS));
        assertThat(third.get("number").asInt()).isEqualTo(3);
      } finally {
        router.removeListener(gate);
      }
    }
    JsonNode view = tabA.get("/api/sessions/" + id).json();
    assertThat(view.get("turns").get(1).get("answer").asText())
        .isEqualTo("Nine of twelve book by phone.");
    assertThat(view.get("turns").get(1).get("evaluation").get("choices").size()).isPositive();
  }

  @Test
  void badAnswersAreRefusedWholeAndNeverCut() {
    String id = session();
    String huge = "x".repeat(2_001);
    var tooLong =
        tabA.post("/api/sessions/" + id + "/answers", Map.of("answer", huge, "question", 1));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().get("detail").asText()).contains("2001").contains("limit is 2000");
    var control =
        tabA.post(
            "/api/sessions/" + id + "/answers", Map.of("answer", "Shops\u0007 pay", "question", 1));
    assertThat(control.status()).isEqualTo(400);
    assertThat(control.json().get("detail").asText()).contains("control character");
    var nested = tabA.post("/api/sessions/" + id + "/answers", "[".repeat(2_000));
    assertThat(nested.status()).isEqualTo(400);
    var notYetAsked =
        tabA.post(
            "/api/sessions/" + id + "/answers", Map.of("answer", "from the future", "question", 7));
    assertThat(notYetAsked.status()).isEqualTo(409);
    assertThat(notYetAsked.json().get("question").asInt()).isEqualTo(1);
    var overflow =
        tabA.post(
            "/api/sessions/" + id + "/answers",
            "{\"answer\":\"yes\",\"question\":99999999999999999999}");
    assertThat(overflow.status()).isEqualTo(400);
    // another user's session: not found, whatever the question
    assertThat(
            bob.post("/api/sessions/" + id + "/answers", Map.of("answer", "mine", "question", 1))
                .status())
        .isEqualTo(404);
    assertThat(bob.post("/api/sessions/" + id + "/answers", Map.of("answer", "mine")).status())
        .isEqualTo(404);
    assertThat(tabA.get("/api/sessions/" + id).json().get("answered").asInt()).isZero();
  }
}
