package dev.socra.server.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.server.testing.Http;
import dev.socra.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Requests Spring itself refuses (wrong method, wrong content type, a parameter that is not a
 * number, nothing at the address, a body that is not what was expected or nested too deep) are
 * answered in the API's shape and Socra's words: never a Java type, Spring's default body, or a
 * size limit for what is a depth limit.
 */
@Tag("security")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorWordsTest {
  TestServer server;
  Http ada;

  @BeforeAll
  void start() {
    server = TestServer.start(Map.of("SOCRA_USER_RPM", "100000"));
    ada = Http.as(server.baseUrl(), server.userWithToken("ada"));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  static void inSocrasWords(Http.Response r) {
    assertThat(r.body())
        .doesNotContain("java.")
        .doesNotContain("org.springframework")
        .doesNotContain("Exception")
        .doesNotContain("Failed to")
        .doesNotContain("\"timestamp\"")
        .doesNotContain("No static resource");
  }

  static String problem(Http.Response r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    inSocrasWords(r);
    return r.json().get("detail").asText();
  }

  @Test
  void aWrongMethodOrContentTypeSaysWhatTheAddressTakes() {
    assertThat(
            problem(ada.send(ada.request("/api/me").PUT(HttpRequest.BodyPublishers.noBody())), 405))
        .isEqualTo("PUT is not allowed at this address; it takes GET");
    Http.Response plain =
        ada.send(
            ada.request("/api/sessions")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("an idea")));
    assertThat(problem(plain, 415)).startsWith("the body must be sent as application/json");
  }

  @Test
  void aParameterOfTheWrongKindIsNamed() {
    String path = "/api/sessions/" + UUID.randomUUID() + "/turns/abc/events";
    assertThat(problem(ada.get(path), 400)).isEqualTo("'n' must be a whole number, was 'abc'");
    Http.Response turns =
        ada.post(
            "/api/sessions",
            Map.of("idea", "Welding robots rented by the hour to small shops", "maxTurns", "many"));
    assertThat(problem(turns, 400)).isEqualTo("'maxTurns' must be a whole number");
    assertThat(problem(ada.post("/api/sessions", "[1, 2]"), 400))
        .isEqualTo("the request body must be a JSON object");
    assertThat(problem(ada.post("/api/sessions", ""), 400))
        .isEqualTo("the request needs a JSON body");
    assertThat(problem(ada.post("/api/sessions", "{\"idea\": nope}"), 400))
        .startsWith("the request body is not valid JSON");
  }

  @Test
  void nothingAtAnAddressIs404InEachShape() {
    assertThat(problem(ada.get("/api/nothing-here"), 404))
        .isEqualTo("there is nothing at /api/nothing-here");
    Http.Response gateway = ada.get("/v1/nothing-here");
    assertThat(gateway.status()).isEqualTo(404);
    assertThat(gateway.header("Content-Type")).startsWith("application/json");
    assertThat(gateway.json().at("/error/message").asText()).contains("nothing at");
    inSocrasWords(gateway);

    Http.Response page =
        Http.anonymous(server.baseUrl())
            .send(
                Http.anonymous(server.baseUrl())
                    .request("/css/missing.css")
                    .header("Accept", "text/html"));
    assertThat(page.status()).isEqualTo(404);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.body()).contains("Page not found").contains("Socra");
    inSocrasWords(page);
  }

  @Test
  void jsonNestedTooDeepIs400SayingSoNot413() {
    String deep = "{\"extra\": " + "[".repeat(3000) + "]".repeat(3000) + "}";
    assertThat(problem(ada.post("/api/sessions", deep), 400)).contains("nested deeper");

    String messages =
        "{\"model\":\"default\",\"messages\":" + "[".repeat(3000) + "]".repeat(3000) + "}";
    Http.Response gateway = ada.post("/v1/chat/completions", messages);
    assertThat(gateway.status()).isEqualTo(400);
    assertThat(gateway.json().at("/error/message").asText()).contains("nested deeper than");
    inSocrasWords(gateway);
  }
}
