package dev.socra.server.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.core.persona.Stage;
import dev.socra.llm.Router;
import dev.socra.server.testing.AttemptGate;
import dev.socra.server.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A browser tab that drops a running stream and reconnects with {@code Last-Event-ID} gets exactly
 * what it missed, and the work goes on while nobody watches. The stub writes at machine speed; an
 * {@link AttemptGate} keeps the work running for as long as each test needs it to.
 */
class ReconnectTest {
  /** Only against a hang: the pipeline finishes in well under a second on an idle machine. */
  static final Duration PATIENCE = Duration.ofMinutes(2);

  static TestServer server;
  static Router router;
  static ApiClient ada;

  /** Metrics are the admin's: the shared server's first user, whichever test class made it. */
  static ApiClient admin;

  @BeforeAll
  static void start() {
    server = TestServer.shared();
    router = server.bean(Router.class);
    ada = new ApiClient(server.baseUrl(), server.userWithToken("reconnect-ada"));
    admin = new ApiClient(server.baseUrl(), server.adminToken());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aQuestionRejoinedMidStreamArrivesWhole() throws Exception {
    // the stub writes question and evaluation in one call; a provider without the separator, in two
    AttemptGate gate =
        AttemptGate.atStage(Stage.INTERVIEW_TURN.id(), Stage.INTERVIEW_QUESTION.id());
    router.addListener(gate);
    try {
      String id = SessionsApiTest.create(ada);
      String path = "/api/sessions/" + id + "/turns/1/events";
      List<ApiClient.Event> before = ada.events("GET", path, null, null, 3);
      assertThat(before).hasSize(3).allMatch(e -> e.name().equals("token"));
      gate.awaitHeld();
      // The question's text is written, its turn is not: the run goes on until the tab is back,
      // and opens the gate as soon as the rejoined stream delivers its first event.
      AtomicBoolean rejoinedWhileRunning = new AtomicBoolean();
      List<ApiClient.Event> after =
          ada.events(
              "GET",
              path,
              null,
              before.getLast().id(),
              Integer.MAX_VALUE,
              e -> {
                if (gate.isHeld()) {
                  rejoinedWhileRunning.set(true);
                  gate.open();
                }
                return false;
              });
      assertThat(rejoinedWhileRunning).as("the run was still going when the tab rejoined").isTrue();
      List<ApiClient.Event> all = new ArrayList<>(before);
      all.addAll(after);
      assertThat(all.stream().mapToLong(e -> Long.parseLong(e.id())))
          .containsExactlyElementsOf(LongStream.rangeClosed(1, all.size()).boxed().toList());
      SessionsApiTest.question(all);
    } finally {
      gate.open();
      router.removeListener(gate);
    }
  }

  @Test
  void aQuestionStreamItsClientDropsIsCountedAsAbandonedAndTheQuestionIsStillWritten()
      throws Exception {
    String id = SessionsApiTest.create(ada);
    ada.events("GET", "/api/sessions/" + id + "/turns/1/events", null, null, 2);
    String abandoned = "socra_streams_total{outcome=\"abandoned\",stream=\"question\"}";
    String metrics = "";
    for (int i = 0; i < 300 && !metrics.contains(abandoned); i++) {
      Thread.sleep(100); // the server notices at its next write to the closed stream
      metrics = admin.get("/actuator/prometheus").body();
    }
    assertThat(metrics).contains(abandoned);
    List<ApiClient.Event> again =
        ada.events("GET", "/api/sessions/" + id + "/turns/1/events", null, null);
    assertThat(again.getLast().name()).as("written and stored all the same").isEqualTo("turn");
    assertThat(admin.get("/actuator/prometheus").body())
        .contains("socra_streams_total{outcome=\"complete\",stream=\"question\"}");
  }

  @Test
  void aPipelineKeepsRunningWhenNobodyWatchesAndReplaysWhatWasMissed() throws Exception {
    String id = SessionsApiTest.create(ada);
    ada.events("GET", "/api/sessions/" + id + "/turns/1/events", null, null);
    ada.events(
        "POST", "/api/sessions/" + id + "/answers", Map.of("answer", "Tuners in Vermont"), null);
    List<ApiClient.Event> before;
    AttemptGate gate = AttemptGate.atStage(Stage.SYNTHESIS.id());
    router.addListener(gate);
    try {
      before = ada.events("POST", "/api/sessions/" + id + "/pipeline", null, null, 2);
      assertThat(before).hasSize(2);
      // The tab has gone, and the pipeline cannot have finished: its synthesis waits at the gate.
      gate.awaitHeld();
      assertThat(status(id)).isEqualTo("pipeline-running");
    } finally {
      gate.open();
      router.removeListener(gate);
    }
    // Nobody follows now; the pipeline must still finish.
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!status(id).equals("done")) {
      assertThat(System.nanoTime())
          .as("the pipeline finished within %s", PATIENCE)
          .isLessThan(deadline);
      Thread.sleep(20);
    }
    List<ApiClient.Event> after =
        ada.events("GET", "/api/sessions/" + id + "/pipeline/events", null, before.getLast().id());
    assertThat(Long.parseLong(after.getFirst().id()))
        .isEqualTo(Long.parseLong(before.getLast().id()) + 1);
    assertThat(after.getLast().name()).isEqualTo("done");
    List<ApiClient.Event> all = new ArrayList<>(before);
    all.addAll(after);
    assertThat(
            all.stream()
                .filter(
                    e ->
                        e.name().equals("stage")
                            && e.json().get("state").asText().equals("finished")))
        .hasSize(9);
  }

  private static String status(String id) {
    return ada.get("/api/sessions/" + id).json().get("status").asText();
  }
}
