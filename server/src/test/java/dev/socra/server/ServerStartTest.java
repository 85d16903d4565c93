package dev.socra.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServerStartTest {
  static TestServer server;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = TestServer.shared();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void signsUpCreatesATokenAndKnowsWhoIsAsking() throws Exception {
    var signup =
        send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/signup"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"start-ada\",\"password\":\"analytical engine\"}")));
    assertThat(signup.statusCode()).isEqualTo(201);
    String token = server.userWithToken("start-grace");
    var me =
        send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/me"))
                .header("Authorization", "Bearer " + token));
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).contains("\"name\":\"start-grace\"");
  }

  @Test
  void servesTheApiDocumentation() throws Exception {
    var spec = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/openapi.json")));
    assertThat(spec.statusCode()).isEqualTo(200);
    assertThat(spec.body())
        .contains(
            "/api/sessions/{id}/answers", "/api/sessions/{id}/pipeline", "/v1/chat/completions");
    var ui =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/docs")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(ui.statusCode()).as(ui.uri().toString()).isEqualTo(200);
    assertThat(ui.body()).containsIgnoringCase("swagger");
  }

  @Test
  @org.junit.jupiter.api.extension.ExtendWith(
      org.springframework.boot.test.system.OutputCaptureExtension.class)
  void startUpPrintsTheRouteTheRouterDescribesAndTheUrl(
      org.springframework.boot.test.system.CapturedOutput output) {
    try (TestServer another = TestServer.start()) {
      String route = another.bean(dev.socra.llm.Router.class).describe().render();
      assertThat(output.getAll())
          .contains(route.strip())
          .contains("Socra is running: open http://localhost:" + another.port() + "/");
    }
  }

  @Test
  void refusesAnUnknownTokenWithAProblemDetail() throws Exception {
    var me =
        send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/me"))
                .header("Authorization", "Bearer socra_0000"));
    assertThat(me.statusCode()).isEqualTo(401);
    assertThat(me.body()).contains("unknown or revoked API token").doesNotContain("socra_0000");
  }
}
