package dev.socra.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.Router;
import dev.socra.server.testing.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A demo-mode server with {@code OTEL_EXPORTER_OTLP_ENDPOINT} pointing at a collector of our own on
 * loopback: its attempt spans arrive as OTLP protobuf over HTTP by the time the server closes.
 */
class OtlpExportTest {
  record Export(String path, String contentType, String auth, byte[] body) {
    boolean has(String text) {
      return new String(body, StandardCharsets.ISO_8859_1)
          .contains(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }
  }

  final List<Export> exports = new CopyOnWriteArrayList<>();
  final HttpServer collector = collector();

  HttpServer collector() {
    try {
      HttpServer s =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      s.createContext(
          "/",
          x -> {
            exports.add(
                new Export(
                    x.getRequestURI().getPath(),
                    x.getRequestHeaders().getFirst("Content-Type"),
                    x.getRequestHeaders().getFirst("X-Test-Auth"),
                    x.getRequestBody().readAllBytes()));
            x.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            x.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse
            x.close();
          });
      s.start();
      return s;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void stopCollector() {
    collector.stop(0);
  }

  @Test
  void aDemoCallsSpansReachTheCollectorByTheTimeTheServerCloses() throws Exception {
    TestServer server =
        TestServer.start(
            Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                "http://127.0.0.1:" + collector.getAddress().getPort() + "/",
                "OTEL_EXPORTER_OTLP_HEADERS",
                "x-test-auth=collector%20secret"));
    try {
      assertThat(server.bean(Tracing.class).enabled()).isTrue();
      // demo mode is healthy, and says which mode it is
      var health = Http.get(server.baseUrl() + "/actuator/health", server.userWithToken("admin"));
      assertThat(health.statusCode()).isEqualTo(200);
      JsonNode router = Http.json(health.body()).path("components").path("router");
      assertThat(router.path("status").asText()).isEqualTo("UP");
      assertThat(router.path("details").path("mode").asText()).isEqualTo("demo");
      JsonNode stub = router.path("details").path("routes").path("default").get(0);
      assertThat(stub.path("target").asText()).isEqualTo("stub/socra-demo");
      assertThat(stub.path("state").asText()).isEqualTo("closed");

      server
          .bean(Router.class)
          .complete(
              ChatRequest.of("Who pays first?")
                  .withTag(ChatRequest.TAG_SESSION, "session-otlp-1")
                  .withTag(ChatRequest.TAG_USER, "user-otlp-1"));
    } finally {
      server.close(); // flushes the batch
    }

    assertThat(exports).isNotEmpty();
    assertThat(exports).allSatisfy(e -> assertThat(e.path()).isEqualTo("/v1/traces"));
    assertThat(exports)
        .allSatisfy(e -> assertThat(e.contentType()).isEqualTo("application/x-protobuf"));
    assertThat(exports).allSatisfy(e -> assertThat(e.auth()).isEqualTo("collector secret"));
    // protobuf keeps strings as UTF-8 bytes: the attributes can be found in the payload
    assertThat(exports)
        .anySatisfy(
            e -> {
              for (String s :
                  List.of(
                      "service.name",
                      "socra",
                      "socra.llm.call",
                      "chat socra-demo",
                      "gen_ai.operation.name",
                      "chat",
                      "gen_ai.provider.name",
                      "stub",
                      "gen_ai.request.model",
                      "gen_ai.response.model",
                      "socra-demo",
                      "gen_ai.usage.input_tokens",
                      "gen_ai.usage.output_tokens",
                      "gen_ai.conversation.id",
                      "session-otlp-1")) {
                assertThat(e.has(s)).as(s).isTrue();
              }
              assertThat(e.has("user-otlp-1")).isFalse();
            });
  }
}
