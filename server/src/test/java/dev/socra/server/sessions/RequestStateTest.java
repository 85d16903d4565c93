package dev.socra.server.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.server.testing.Http;
import dev.socra.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * State a request leaves behind must be bounded: requests for sessions that do not exist, and
 * requests from nobody in particular, leave nothing in the server's memory once answered.
 */
@Tag("security")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestStateTest {
  TestServer server;
  Http ada;

  @BeforeAll
  void start() {
    server = TestServer.start(Map.of("SOCRA_USER_RPM", "1000000"));
    ada = Http.as(server.baseUrl(), server.userWithToken("ada"));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void requestsForSessionsThatDoNotExistLeaveNoLockBehind() {
    String huge = "x".repeat(7 * 1024);
    for (int i = 0; i < 250; i++) {
      String madeUp = i % 2 == 0 ? huge + i : UUID.randomUUID().toString();
      String base = "/api/sessions/" + madeUp;
      assertThat(ada.post(base + "/answers", Map.of("answer", "yes")).status()).isEqualTo(404);
      assertThat(ada.post(base + "/end", "").status()).isEqualTo(404);
      assertThat(ada.post(base + "/pipeline", "").status()).isEqualTo(404);
      Http.Response view = ada.get(base);
      assertThat(view.status()).isEqualTo(404);
      if (i % 2 == 1) {
        continue; // a well-formed id is named: "no session <id>"
      }
      assertThat(view.json().get("detail").asText())
          .as("a made-up id is not repeated back")
          .isEqualTo("no such session");
    }
    assertThat(server.bean(SessionService.class).lockedSessions()).isZero();
  }

  @Test
  void anonymousVisitorsLeaveNoServerSessionBehind() throws Exception {
    HttpClient http = HttpClient.newHttpClient(); // no cookie store: each request is a stranger
    for (int i = 0; i < 200; i++) {
      for (String path :
          new String[] {
            "/signin", "/signup", "/sessions", "/sessions/" + UUID.randomUUID(), "/usage", "/"
          }) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isIn(200, 302);
      }
    }
    assertThat(server.httpSessions()).as("HTTP sessions held for strangers").isZero();
  }
}
