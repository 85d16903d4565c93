package dev.socra.server.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A browser tab that drops a running stream and reconnects with {@code Last-Event-ID} gets exactly
 * what it missed, and the work goes on while nobody watches.
 */
class ReconnectTest {
  static TestServer server;
  static ApiClient ada;

  @BeforeAll
  static void start() throws Exception {
    Path config = Files.createTempFile("socra-stub", ".yaml");
    // Slow enough that the client drops the stream while the work is still running.
    Files.writeString(config, "stub:\n  token_delay: 3ms\n");
    server = TestServer.start(Map.of("SOCRA_CONFIG", config.toString()));
    ada = new ApiClient(server.baseUrl(), server.userWithToken("ada"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aQuestionRejoinedMidStreamArrivesWhole() {
    String id = SessionsApiTest.create(ada);
    String path = "/api/sessions/" + id + "/turns/1/events";
    List<ApiClient.Event> before = ada.events("GET", path, null, null, 3);
    assertThat(before).hasSize(3).allMatch(e -> e.name().equals("token"));
    List<ApiClient.Event> after = ada.events("GET", path, null, before.getLast().id());
    List<ApiClient.Event> all = new ArrayList<>(before);
    all.addAll(after);
    assertThat(all.stream().mapToLong(e -> Long.parseLong(e.id())))
        .containsExactlyElementsOf(LongStream.rangeClosed(1, all.size()).boxed().toList());
    SessionsApiTest.question(all);
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
      metrics = ada.get("/actuator/prometheus").body();
    }
    assertThat(metrics).contains(abandoned);
    List<ApiClient.Event> again =
        ada.events("GET", "/api/sessions/" + id + "/turns/1/events", null, null);
    assertThat(again.getLast().name()).as("written and stored all the same").isEqualTo("turn");
    assertThat(ada.get("/actuator/prometheus").body())
        .contains("socra_streams_total{outcome=\"complete\",stream=\"question\"}");
  }

  @Test
  void aPipelineKeepsRunningWhenNobodyWatchesAndReplaysWhatWasMissed() throws Exception {
    String id = SessionsApiTest.create(ada);
    ada.events("GET", "/api/sessions/" + id + "/turns/1/events", null, null);
    ada.events(
        "POST", "/api/sessions/" + id + "/answers", Map.of("answer", "Tuners in Vermont"), null);
    List<ApiClient.Event> before =
        ada.events("POST", "/api/sessions/" + id + "/pipeline", null, null, 2);
    assertThat(before).hasSize(2);
    // Nobody follows now; the pipeline must still finish.
    long deadline = System.currentTimeMillis() + 60_000;
    while (!ada.get("/api/sessions/" + id).json().get("status").asText().equals("done")) {
      assertThat(System.currentTimeMillis()).isLessThan(deadline);
      Thread.sleep(100);
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
}
