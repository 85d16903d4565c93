package dev.socra.server.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.Specialist;
import dev.socra.server.live.LiveRuns;
import dev.socra.server.testing.AttemptGate;
import dev.socra.server.testing.CallLog;
import dev.socra.server.testing.ServerProcess;
import dev.socra.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
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
  static final List<String> SPECIALISTS =
      Arrays.stream(Specialist.values()).map(s -> Stage.of(s).id()).toList();

  @Test
  void aKilledServerResumesThePipelineFromItsLastStoredStage() throws Exception {
    Path data = Files.createTempDirectory("socra-crash");
    Path config = data.resolve("stub.yaml");
    Files.writeString(config, "stub:\n  token_delay: 0ms\n");
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
            "1s");
    // The first server holds the devil's advocate once it runs (the stage after the specialists):
    // the five specialists are stored, nothing after them is, and the kill lands mid-pipeline
    // however fast or slow the machine is. Every stub call it makes is logged.
    Map<String, String> holding = new HashMap<>(env);
    holding.put(ServerProcess.HOLD_STAGE, Stage.DEVILS_ADVOCATE.id());
    holding.put("SOCRA_TEST_CALL_LOG", calls.toString());

    String id;
    String token;
    Set<String> finishedBeforeKill;
    List<String> answers =
        List.of("Tuners in Vermont", "They book by phone today", "Twenty dollars per booking");
    try (ServerProcess first = ServerProcess.start(data, holding, "ada")) {
      token = first.token();
      ApiClient ada = new ApiClient(first.baseUrl(), token);
      id =
          ada.post("/api/sessions", Map.of("idea", SessionsApiTest.IDEA)).json().get("id").asText();
      ada.events("GET", "/api/sessions/" + id + "/turns/1/events", null, null);
      for (int i = 0; i < answers.size(); i++) {
        ada.events(
            "POST",
            "/api/sessions/" + id + "/answers",
            Map.of("answer", answers.get(i), "question", i + 1),
            null);
      }
      ada.post("/api/sessions/" + id + "/end", null);
      // Follow the pipeline until the devil's advocate has started, then crash.
      List<ApiClient.Event> seen =
          ada.events(
              "POST",
              "/api/sessions/" + id + "/pipeline",
              null,
              null,
              Integer.MAX_VALUE,
              e -> stageEvent(e, "started", Stage.DEVILS_ADVOCATE.id()));
      assertThat(stageEvent(seen.getLast(), "started", Stage.DEVILS_ADVOCATE.id()))
          .as("the stream ended before the devil's advocate started: %s", seen)
          .isTrue();
      finishedBeforeKill = finished(seen);
      assertThat(finishedBeforeKill).containsExactlyInAnyOrderElementsOf(SPECIALISTS);
      first.kill();
    }

    // Started again on the same data directory, here in the test's own process: only the server
    // that crashes needs a process of its own.
    Map<String, String> again = new HashMap<>(env);
    again.put("SOCRA_DATA_DIR", data.toString());
    try (TestServer second = TestServer.start(again, new CallLog(calls, "second"))) {
      // The killed server's lease runs out a few seconds after its last heartbeat; then this
      // server's sweep takes the pipeline over. Joined before that, a client would first follow the
      // stored stages (as "finished") and then see the takeover reuse them.
      LiveRuns runs = second.bean(LiveRuns.class);
      for (long waited = 0;
          runs.find(SessionService.pipelineKey(id)).isEmpty()
              && waited < AttemptGate.PATIENCE.toMillis();
          waited += 50) {
        Thread.sleep(50);
      }
      assertThat(runs.find(SessionService.pipelineKey(id))).as("taken over").isPresent();
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
      assertThat(reused).containsExactlyInAnyOrderElementsOf(finishedBeforeKill);
      Set<String> ranAgain = new java.util.HashSet<>(finished(after));
      ranAgain.removeAll(reused);
      assertThat(ranAgain)
          .as("the stages run after the restart")
          .containsExactlyInAnyOrder(
              Stage.DEVILS_ADVOCATE.id(),
              Stage.TRIBUNAL.id(),
              Stage.SYNTHESIS.id(),
              Stage.DECK.id());
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

  private static boolean stageEvent(ApiClient.Event e, String state, String stage) {
    return e.name().equals("stage")
        && e.json().get("state").asText().equals(state)
        && e.json().get("stage").asText().equals(stage);
  }

  private static Set<String> finished(List<ApiClient.Event> events) {
    return events.stream()
        .filter(e -> e.name().equals("stage") && e.json().get("state").asText().equals("finished"))
        .map(e -> e.json().get("stage").asText())
        .collect(Collectors.toSet());
  }
}
