package dev.socra.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.socra.llm.config.ApiKey;
import dev.socra.server.testing.EchoingProvider;
import dev.socra.server.testing.Http;
import dev.socra.server.testing.Leaks;
import dev.socra.server.testing.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A malicious or careless provider echoes the key it was sent: in an error, in an error inside a
 * stream, in the answer, cut between two stream events; as sent, JSON-escaped, lower or upper case,
 * %-escaped, in base64. None of it reaches the gateway's caller, a founder's stream, the database,
 * a page, a log line, a span or a metric: each carries the key's fingerprint instead.
 */
@Tag("security")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class ProviderEchoesKeyTest {
  static final String KEY = "gsk_echoTestKeyNotARealGroqKeyHs6P";
  static final String PRINT = ApiKey.fingerprint(KEY);

  EchoingProvider provider;
  HttpServer collector;
  final List<byte[]> spans = new CopyOnWriteArrayList<>();
  TestServer server;
  Http caller;
  String admin;

  @BeforeAll
  void start(@TempDir Path dir) throws IOException {
    provider = EchoingProvider.start();
    // A provider that fails on purpose, call after call: its circuit must not open meanwhile.
    Path config = dir.resolve("socra-echo.yaml");
    Files.writeString(
        config,
        """
        providers:
          echo:
            protocol: openai
            base_url: %s
            key_env: ECHO_API_KEY
            model: echo-model
            context_window: 32000
            price: { input: 1.0, output: 2.0, as_of: 2026-11-01, source: test }
        routes:
          default: [echo/echo-model]
        stub: { token_delay: 0ms }
        timeouts: { first_token: 5s, stall: 5s, response: 10s, connect: 2s, deadline: 20s }
        retry: { transient_backoff: 10ms }
        circuit: { failure_rate_percent: 100, window: 1000, minimum_calls: 1000, open_for: 1s }
        """
            .formatted(provider.baseUrl()));
    collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext(
        "/",
        x -> {
          spans.add(x.getRequestBody().readAllBytes());
          x.sendResponseHeaders(200, -1);
          x.close();
        });
    collector.start();
    server =
        TestServer.start(
            Map.of(
                "ECHO_API_KEY",
                KEY,
                "SOCRA_CONFIG",
                config.toString(),
                "SOCRA_USER_RPM",
                "100000",
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                "http://127.0.0.1:" + collector.getAddress().getPort()));
    admin = server.userWithToken("admin");
    caller = Http.as(server.baseUrl(), server.userWithToken("caller"));
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    provider.close();
    collector.stop(0);
  }

  @Test
  @Order(1)
  void theGatewaysAnswersAndErrorsCarryTheFingerprintNeverTheKey(CapturedOutput output) {
    int withPrint = 0;
    for (String where : new String[] {"error", "inband", "content", "split"}) {
      for (String form : EchoingProvider.FORMS) {
        for (boolean stream : new boolean[] {false, true}) {
          String ask = "echo:" + where + "-" + form;
          Http.Response r =
              caller.post(
                  "/v1/chat/completions",
                  Map.of(
                      "model",
                      "default",
                      "stream",
                      stream,
                      "max_tokens",
                      20,
                      "messages",
                      List.of(Map.of("role", "user", "content", ask))));
          String what = ask + (stream ? " streamed" : "") + " -> " + r.status();
          Leaks.assertNone(what, r.body(), KEY);
          withPrint += r.body().contains(PRINT) ? 1 : 0;
        }
      }
    }
    assertThat(withPrint).as("answers that show where the key was").isGreaterThan(40);
    Leaks.assertNone("the log", output.getAll(), KEY);
  }

  @Test
  @Order(2)
  void aFoundersStreamsPagesAndStoredSessionsNeverCarryTheKey(CapturedOutput output) {
    List<String> seen = new ArrayList<>();
    for (String ask : new String[] {"echo:split-json", "echo:content-url", "echo:error-upper"}) {
      Http.Response created =
          caller.post(
              "/api/sessions",
              Map.of("idea", "A booking tool for piano tuners in small towns " + ask));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String id = created.json().get("id").asText();
      for (Http.Event e : caller.events("/api/sessions/" + id + "/turns/1/events")) {
        seen.add(e.name() + ": " + e.data());
      }
      seen.add(caller.get("/api/sessions/" + id).body());
      seen.add(caller.get("/api/sessions/" + id + "/report").body());
      seen.add(caller.get("/sessions/" + id).body());
    }
    String events = String.join("\n", seen);
    assertThat(events).contains(PRINT);
    Leaks.assertNone("the sessions' events and pages", events, KEY);

    JdbcClient db = server.bean(JdbcClient.class);
    StringBuilder stored = new StringBuilder();
    for (String query :
        new String[] {
          "SELECT COALESCE(idea, '') || COALESCE(closing, '') || COALESCE(status_detail, '')"
              + " FROM sessions",
          "SELECT question || COALESCE(answer, '') || COALESCE(evaluation, '') FROM turns",
          "SELECT reason FROM scores",
          "SELECT statement || moved_by FROM assumptions",
          "SELECT result FROM stage_results",
          "SELECT target || outcome FROM llm_attempts"
        }) {
      db.sql(query).query(String.class).list().forEach(stored::append);
    }
    Leaks.assertNone("the database", stored.toString(), KEY);
    Leaks.assertNone("the log", output.getAll(), KEY);
  }

  @Test
  @Order(3)
  void metricsAndSpansNeverCarryTheKey() {
    Http.Response metrics = Http.as(server.baseUrl(), admin).get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("socra_llm_attempts_total");
    Leaks.assertNone("the metrics", metrics.body(), KEY);

    server.close(); // flushes the spans
    server = null;
    assertThat(spans).isNotEmpty();
    StringBuilder all = new StringBuilder();
    spans.forEach(b -> all.append(new String(b, StandardCharsets.ISO_8859_1)));
    assertThat(all.toString()).contains("chat echo-model");
    Leaks.assertNone("the spans", all.toString(), KEY);
  }
}
