package dev.socra.server.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socra.server.testing.CallLog;
import dev.socra.server.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A server process killed mid-pipeline and started again on the same database resumes the session
 * from its last stored stage: no answer and no finished stage is lost, and finished stages are not
 * redone.
 */
class CrashResumeTest {

  @Test
  void aKilledServerResumesThePipelineFromItsLastStoredStage() throws Exception {
    Path data = Files.createTempDirectory("socra-crash");
    // A human-paced stub, so the pipeline is still running when the server is killed.
    Path config = data.resolve("stub.yaml");
    Files.writeString(config, "stub:\n  token_delay: 4ms\n");
    Path calls = data.resolve("calls.log");
    // The killed server's lease on the pipeline must expire before another takes it over: short
    // here, so the test does not wait the default 30 s.
    Map<String, String> env =
        Map.of(
            "SOCRA_CONFIG",
            config.toString(),
            "SOCRA_WORK_LEASE",
            "3s",
            "SOCRA_WORK_HEARTBEAT",
            "1s",
            "SOCRA_TEST_CALL_LOG",
            calls.toString());

    String id;
    String token;
    Set<String> finishedBeforeKill;
    List<String> answers =
        List.of("Tuners in Vermont", "They book by phone today", "Twenty dollars per booking");
    try (ServerProcess first = ServerProcess.start(data, env, "ada")) {
      token = first.token();
      ApiClient ada = new ApiClient(first.baseUrl(), token);
      id =
          ada.post("/api/sessions", Map.of("idea", SessionsApiTest.IDEA)).json().get("id").asText();
      ada.events("GET", "/api/sessions/" + id + "/turns/1/events", null, null);
      for (String a : answers) {
        ada.events("POST", "/api/sessions/" + id + "/answers", Map.of("answer", a), null);
      }
      ada.post("/api/sessions/" + id + "/end", null);
      // Follow the pipeline until the first stage has finished, then crash.
      List<ApiClient.Event> seen =
          ada.events(
              "POST",
              "/api/sessions/" + id + "/pipeline",
              null,
              null,
              1_000,
              e -> e.name().equals("stage") && e.json().get("state").asText().equals("finished"));
      finishedBeforeKill = finished(seen);
      assertThat(finishedBeforeKill).isNotEmpty();
      first.kill();
    }

    try (ServerProcess second = ServerProcess.start(data, env, null)) {
      ApiClient ada = new ApiClient(second.baseUrl(), token);
      List<ApiClient.Event> after =
          ada.events("GET", "/api/sessions/" + id + "/pipeline/events", null, null);
      assertThat(after.getLast().name()).as(after.getLast().data()).isEqualTo("done");
      Set<String> reused =
          after.stream()
              .filter(
                  e -> e.name().equals("stage") && e.json().get("state").asText().equals("reused"))
              .map(e -> e.json().get("stage").asText())
              .collect(Collectors.toSet());
      assertThat(reused).containsAll(finishedBeforeKill);
      // Every stage finished before the kill was called once, by the killed server: not again.
      for (String stage : finishedBeforeKill) {
        assertThat(
                CallLog.read(calls).stream()
                    .filter(c -> c.session().equals(id) && c.stage().equals(stage))
                    .count())
            .as(stage)
            .isEqualTo(1);
      }

      JsonNode view = ada.get("/api/sessions/" + id).json();
      assertThat(view.get("status").asText()).isEqualTo("done");
      assertThat(view.get("stagesDone")).hasSize(9);
      assertThat(view.get("turns").findValuesAsText("answer")).containsExactlyElementsOf(answers);
      assertThat(ada.get("/api/sessions/" + id + "/masterplan").status()).isEqualTo(200);
    }
  }

  private static Set<String> finished(List<ApiClient.Event> events) {
    return events.stream()
        .filter(e -> e.name().equals("stage") && e.json().get("state").asText().equals("finished"))
        .map(e -> e.json().get("stage").asText())
        .collect(Collectors.toSet());
  }
}
