package dev.socra.server.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.LlmCallException;
import dev.socra.llm.Router;
import dev.socra.llm.testkit.FakeProvider;
import dev.socra.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A server whose default route is two fake targets, logging JSON: one target fails until its
 * circuit opens, then the other's key is rejected by a provider that quotes it back. Health, the
 * Prometheus text and the log lines are read over real HTTP and from the console.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RouterHealthTest {
  static FakeProvider fake;
  static TestServer server;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    fake = FakeProvider.start(0);
    fake.setBehaviour("flaky", "status=503");
    Path dir = Files.createTempDirectory("socra-health-test");
    Map<String, String> env =
        new HashMap<>(
            FakeConfig.write(
                dir,
                fake,
                "default: [fake/flaky, fake/steady]",
                "circuit: { failure_rate_percent: 50, window: 2, minimum_calls: 2, open_for: 60s }"));
    env.put("SOCRA_LOG_FORMAT", "json");
    server = TestServer.start(env);
    admin = server.userWithToken("admin"); // the first user is the admin
  }

  @AfterAll
  static void stop() {
    server.close();
    fake.close();
    // Spring Boot copies the format into a system property that outlives the server: the next
    // server in this JVM would log JSON too. One server per process never meets this.
    System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
  }

  static ChatRequest request() {
    return ChatRequest.of("Who pays first?").withMaxTokens(50);
  }

  /** The router's health as the admin sees it; anyone else gets the status alone. */
  static JsonNode routerHealth(int expectedStatus) throws Exception {
    HttpResponse<String> r = Http.get(server.baseUrl() + "/actuator/health", admin);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(expectedStatus);
    HttpResponse<String> anonymous = Http.get(server.baseUrl() + "/actuator/health");
    assertThat(anonymous.statusCode()).isEqualTo(expectedStatus);
    assertThat(Http.json(anonymous.body()).fieldNames())
        .toIterable()
        .as("the public health says UP or DOWN, nothing else")
        .containsExactly("status");
    return Http.json(r.body()).path("components").path("router");
  }

  static String metrics() throws Exception {
    HttpResponse<String> r = Http.get(server.baseUrl() + "/actuator/prometheus", admin);
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  @Test
  @Order(1)
  void anOpenCircuitIsReportedWhileTheServerStaysUp() throws Exception {
    JsonNode before = routerHealth(200);
    assertThat(before.path("status").asText()).isEqualTo("UP");
    assertThat(before.path("details").path("mode").asText()).isEqualTo("providers");
    assertThat(before.path("details").path("routes").path("default").findValuesAsText("state"))
        .containsExactly("closed", "closed");

    Router router = server.bean(Router.class);
    router.complete(request()); // flaky fails over to steady: one failure
    router.complete(request()); // two: the circuit opens
    router.stream(request(), t -> {}); // flaky skipped; streamed, so a first token is timed

    JsonNode health = routerHealth(200);
    assertThat(health.path("status").asText()).isEqualTo("UP");
    JsonNode targets = health.path("details").path("routes").path("default");
    assertThat(targets.findValuesAsText("target")).containsExactly("fake/flaky", "fake/steady");
    assertThat(targets.get(0).path("state").asText()).isEqualTo("open");
    assertThat(targets.get(0).path("reason").asText()).contains("circuit open", "60 s");
    assertThat(targets.get(0).path("since").asText()).isNotEmpty();
    assertThat(targets.get(1).path("state").asText()).isEqualTo("closed");
    assertThat(targets.get(1).has("reason")).isFalse();
    // the public endpoint names no URL and no key
    assertThat(health.toString()).doesNotContain("127.0.0.1", "FAKE_TEST_KEY", "test…");

    String metrics = metrics();
    String attempts = "socra_llm_attempts_total";
    assertThat(Http.sample(metrics, attempts, "target=fake/flaky", "outcome=overloaded"))
        .isEqualTo(2.0);
    assertThat(Http.sample(metrics, attempts, "target=fake/flaky", "outcome=skipped"))
        .isEqualTo(1.0);
    assertThat(Http.sample(metrics, attempts, "target=fake/steady", "outcome=ok", "provider=fake"))
        .isEqualTo(3.0);
    assertThat(
            Http.sample(
                metrics,
                "socra_llm_attempt_latency_seconds_count",
                "target=fake/flaky",
                "outcome=overloaded"))
        .isEqualTo(2.0);
    assertThat(
            Http.sample(
                metrics,
                "socra_llm_attempt_latency_seconds_bucket",
                "target=fake/steady",
                "outcome=ok",
                "le=+Inf"))
        .isEqualTo(3.0);
    assertThat(
            Http.sample(
                metrics, "socra_llm_time_to_first_token_seconds_count", "target=fake/steady"))
        .isGreaterThanOrEqualTo(1.0);
    assertThat(
            Http.sample(metrics, "socra_llm_tokens_total", "target=fake/steady", "direction=input"))
        .isPositive();
    assertThat(
            Http.sample(
                metrics, "socra_llm_tokens_total", "target=fake/steady", "direction=output"))
        .isPositive();
    // $1 and $2 per million tokens: a few dozen tokens cost a few ten-thousandths of a cent
    assertThat(Http.sample(metrics, "socra_llm_cost_usd_total", "target=fake/steady"))
        .isPositive()
        .isLessThan(0.001);
    assertThat(Http.sample(metrics, "socra_llm_calls_total", "route=default", "result=ok"))
        .isEqualTo(3.0);
    assertThat(Http.sample(metrics, "socra_llm_target_usable", "target=fake/flaky")).isZero();
    assertThat(Http.sample(metrics, "socra_llm_target_usable", "target=fake/steady"))
        .isEqualTo(1.0);

    // no endpoint configured: no tracing SDK, no exporter thread
    assertThat(server.bean(Tracing.class).enabled()).isFalse();
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("BatchSpanProcessor"));
  }

  @Test
  @Order(2)
  void aRejectedKeyNeverReachesALogAndLeavesNoUsableTarget(CapturedOutput output) throws Exception {
    fake.setBehaviour("steady", "echo-key");
    Router router = server.bean(Router.class);
    assertThatThrownBy(() -> router.complete(request()))
        .isInstanceOf(LlmCallException.class)
        .hasMessageNotContaining(FakeConfig.KEY);
    String token = server.userWithToken("observer");
    Http.CLIENT.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/me"))
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
    Http.CLIENT.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/me"))
            .header("Authorization", "Bearer " + token + "x")
            .build(),
        HttpResponse.BodyHandlers.ofString());

    JsonNode health = routerHealth(503);
    assertThat(health.path("status").asText()).isEqualTo("OUT_OF_SERVICE");
    JsonNode targets = health.path("details").path("routes").path("default");
    assertThat(targets.findValuesAsText("state")).containsExactly("open", "disabled");
    assertThat(targets.get(1).path("reason").asText()).contains("configuration");
    assertThat(health.toString()).doesNotContain(FakeConfig.KEY, "Incorrect API key");

    String metrics = metrics();
    assertThat(
            Http.sample(
                metrics, "socra_llm_calls_total", "route=default", "result=all_targets_failed"))
        .isEqualTo(1.0);
    assertThat(
            Http.sample(metrics, "socra_llm_attempts_total", "target=fake/steady", "outcome=auth"))
        .isEqualTo(1.0);
    assertThat(Http.sample(metrics, "socra_llm_target_usable", "target=fake/steady")).isZero();

    String logs = output.getAll();
    // the provider quoted the key: the log says the provider rejected it, and names its variable
    List<String> rejected = logs.lines().filter(l -> l.contains("rejected the request")).toList();
    assertThat(rejected).isNotEmpty();
    for (String line : rejected) {
      JsonNode json = Http.json(line);
      assertThat(json.path("log").path("level").asText()).isEqualTo("WARN");
      assertThat(json.path("service").path("name").asText()).isEqualTo("socra");
      assertThat(json.path("message").asText()).contains("FAKE_TEST_KEY");
    }
    assertThat(logs)
        .doesNotContain(FakeConfig.KEY)
        .doesNotContain(FakeConfig.KEY.substring(4, FakeConfig.KEY.length() - 4))
        .doesNotContain(token)
        .doesNotContain(token.substring(0, token.length() - 4));
  }
}
