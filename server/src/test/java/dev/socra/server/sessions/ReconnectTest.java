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
  static String adaToken;

  /** Metrics are the admin's: whoever was the shared server's first user. */
  static ApiClient admin;

  @BeforeAll
  static void start() {
    server = TestServer.shared();
    router = server.bean(Router.class);
    adaToken = server.userWithToken("reconnect-ada");
    ada = new ApiClient(server.baseUrl(), adaToken);
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
    // The question is held after its words, so the client hangs up while its turn is still to
    // come: the server's next write (the turn) finds nobody there.
    AttemptGate gate = AttemptGate.atStage(Stage.INTERVIEW_QUESTION.id());
    router.addListener(gate);
    String id;
    try {
      id = SessionsApiTest.create(ada);
      hangUpAfter("/api/sessions/" + id + "/turns/1/events", 2);
      gate.awaitHeld();
    } finally {
      gate.open();
      router.removeListener(gate);
    }
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
        "POST",
        "/api/sessions/" + id + "/answers",
        Map.of("answer", "Tuners in Vermont", "question", 1),
        null);
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

  /**
   * Follows a stream over a plain socket until {@code events} events came, then resets the
   * connection, as a tab that is closed does: the server's next write fails.
   */
  static void hangUpAfter(String path, int events) throws java.io.IOException {
    java.net.URI base = java.net.URI.create(server.baseUrl());
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket
          .getOutputStream()
          .write(
              ("GET "
                      + path
                      + " HTTP/1.1\r\nHost: "
                      + base.getHost()
                      + "\r\nAuthorization: Bearer "
                      + adaToken
                      + "\r\nAccept: text/event-stream\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      java.io.BufferedReader in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  socket.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
      int seen = 0;
      String line;
      while (seen < events && (line = in.readLine()) != null) {
        if (line.startsWith("event: ")) {
          seen++;
        }
      }
      assertThat(seen).as("events before hanging up").isEqualTo(events);
      socket.setSoLinger(true, 0); // closed with a reset, not a goodbye
    }
  }
}
