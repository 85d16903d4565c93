package dev.socra.server.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.Pipeline;
import dev.socra.server.testing.CallLog;
import dev.socra.server.testing.Postgres;
import dev.socra.server.testing.RedisServer;
import dev.socra.server.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two server processes on one PostgreSQL database and one Redis: work belongs to the server holding
 * its lease. The second server never runs a pipeline the first is running (it follows it), and when
 * the first is killed the second takes the pipeline over once the lease expires and finishes it
 * without calling a stored stage again, while the founder's stream, rejoined on the second server
 * with its {@code Last-Event-ID}, goes on to {@code done}. The stub logs every call of both
 * processes to one file.
 */
class TwoServersTest {
  static final List<String> ANSWERS =
      List.of("Tuners in Vermont", "They book by phone today", "Twenty dollars per booking");
  static final Set<String> SPECIALISTS =
      Set.of(
          Stage.SPECIALIST_MARKET.id(),
          Stage.SPECIALIST_ARCHITECTURE.id(),
          Stage.SPECIALIST_ECONOMICS.id(),
          Stage.SPECIALIST_GO_TO_MARKET.id(),
          Stage.SPECIALIST_RISK.id());

  @Test
  void aSecondServerFollowsWhatTheFirstRunsAndTakesItOverOnlyWhenTheFirstDies() throws Exception {
    Path dir = Files.createTempDirectory("socra-two-servers");
    Path calls = dir.resolve("calls.log");
    Path stub = dir.resolve("stub.yaml");
    // A stub with a pace, so the first server is mid-pipeline when it is killed.
    Files.writeString(stub, "stub:\n  token_delay: 1ms\n");
    Postgres pg = Postgres.get();
    RedisServer redis = RedisServer.launch();
    Map<String, String> env = new HashMap<>();
    env.put("SOCRA_REDIS_URL", redis.url());
    env.put("SOCRA_DB_URL", pg.jdbcUrl(pg.createDatabase()));
    env.put("SOCRA_DB_USER", pg.user());
    env.put("SOCRA_DB_PASSWORD", pg.password());
    env.put("SOCRA_CONFIG", stub.toString());
    env.put("SOCRA_WORK_LEASE", "10s"); // margin for a heartbeat late on a loaded machine
    env.put("SOCRA_WORK_HEARTBEAT", "1s");
    env.put("SOCRA_TEST_CALL_LOG", calls.toString());

    try (redis;
        ServerProcess first = ServerProcess.start(dir, with(env, "first"), "ada");
        ServerProcess second = ServerProcess.start(dir, with(env, "second"), null)) {
      ApiClient onFirst = new ApiClient(first.baseUrl(), first.token());
      ApiClient onSecond = new ApiClient(second.baseUrl(), first.token());

      // 1. Both alive: the pipeline started on the first runs there only; the second follows it.
      String one = interviewed(onFirst);
      onFirst.events("POST", "/api/sessions/" + one + "/pipeline", null, null, 1);
      List<ApiClient.Event> followed =
          onSecond.events("GET", "/api/sessions/" + one + "/pipeline/events", null, null);
      assertThat(followed.getLast().name()).as(followed.getLast().data()).isEqualTo("done");
      assertThat(stagesIn(followed)).containsAll(stageIds());
      Map<String, List<String>> byStage = pipelineCalls(calls, one);
      assertThat(byStage.keySet()).containsExactlyInAnyOrderElementsOf(stageIds());
      byStage.forEach(
          (stage, servers) -> assertThat(servers).as("calls of " + stage).containsExactly("first"));

      // 2. The first is killed mid-pipeline, after the five specialists were stored.
      String two = interviewed(onFirst);
      List<ApiClient.Event> seen =
          onFirst.events(
              "POST",
              "/api/sessions/" + two + "/pipeline",
              null,
              null,
              10_000,
              e ->
                  e.name().equals("stage")
                      && e.json().get("stage").asText().equals(Stage.SYNTHESIS.id())
                      && e.json().get("state").asText().equals("started"));
      first.kill();

      // The founder's browser reconnects, and the load balancer sends it to the second server.
      String lastSeen = seen.getLast().id();
      List<ApiClient.Event> after =
          onSecond.events("GET", "/api/sessions/" + two + "/pipeline/events", null, lastSeen);
      assertThat(after.getLast().name()).as(after.getLast().data()).isEqualTo("done");
      long expected = Long.parseLong(lastSeen);
      for (ApiClient.Event e : after) {
        assertThat(e.id())
            .as("ids go on from the last one seen, none lost or repeated")
            .isEqualTo(String.valueOf(++expected));
      }
      JsonNode view = onSecond.get("/api/sessions/" + two).json();
      assertThat(view.get("status").asText()).isEqualTo("done");
      assertThat(view.get("stagesDone")).hasSize(9);

      Map<String, List<String>> taken = pipelineCalls(calls, two);
      assertThat(taken.keySet()).containsExactlyInAnyOrderElementsOf(stageIds());
      for (String specialist : SPECIALISTS) {
        assertThat(taken.get(specialist))
            .as("a stage stored before the kill is not called again")
            .containsExactly("first");
      }
      // A stage in flight at the kill is called again by the second server, once; no other is.
      taken.forEach(
          (stage, servers) ->
              assertThat(servers)
                  .as("calls of " + stage)
                  .hasSizeBetween(1, 2)
                  .doesNotHaveDuplicates());
    }
  }

  /** A session with three answers, the interview ended: ready for its pipeline. */
  private static String interviewed(ApiClient ada) {
    String id =
        ada.post("/api/sessions", Map.of("idea", SessionsApiTest.IDEA)).json().get("id").asText();
    ada.events("GET", "/api/sessions/" + id + "/turns/1/events", null, null);
    for (int i = 0; i < ANSWERS.size(); i++) {
      ada.events(
          "POST",
          "/api/sessions/" + id + "/answers",
          Map.of("answer", ANSWERS.get(i), "question", i + 1),
          null);
    }
    ada.post("/api/sessions/" + id + "/end", null);
    return id;
  }

  private static Map<String, String> with(Map<String, String> env, String name) {
    Map<String, String> e = new HashMap<>(env);
    e.put("SOCRA_TEST_NAME", name);
    return e;
  }

  private static List<String> stageIds() {
    return Pipeline.stages().stream().map(Stage::id).toList();
  }

  private static Set<String> stagesIn(List<ApiClient.Event> events) {
    return events.stream()
        .filter(e -> e.name().equals("stage"))
        .map(e -> e.json().get("stage").asText())
        .collect(Collectors.toSet());
  }

  /** For each pipeline stage of the session, which servers called it, in order. */
  private static Map<String, List<String>> pipelineCalls(Path log, String session)
      throws Exception {
    Set<String> stages = Set.copyOf(stageIds());
    return CallLog.read(log).stream()
        .filter(c -> c.session().equals(session) && stages.contains(c.stage()))
        .collect(
            Collectors.groupingBy(
                CallLog.Call::stage,
                Collectors.mapping(CallLog.Call::server, Collectors.toList())));
  }
}
