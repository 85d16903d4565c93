package dev.socra.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.core.idea.InputLimits;
import dev.socra.server.SocraServer;
import dev.socra.server.testing.Http;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * How API errors reach a caller (dev.socra.server.errors.ApiErrors): a person's mistakes as 400
 * with the reason, Spring's own with their status, anything unexpected as 500 with a reference and
 * no internals; problem details under /api, OpenAI's shape under /v1.
 */
class ApiErrorsTest {
  static SocraServer server;
  static Http http;

  /**
   * Endpoints that fail as real code can. An inner class, so that component scanning (which would
   * add it to every test server) passes it by; this test's server gets it as an extra bean.
   */
  @RestController
  class Failing {
    @GetMapping("/api/test-errors/idea")
    String idea() {
      return InputLimits.idea("x".repeat(InputLimits.IDEA_MAX + 1));
    }

    @GetMapping("/api/test-errors/argument")
    String argument() {
      throw new IllegalArgumentException("turns must be from 1 to 12, was 40");
    }

    @GetMapping("/api/test-errors/account")
    String account() {
      throw new AccountException("a token label can have at most 100 characters");
    }

    @GetMapping("/api/test-errors/bug")
    String bug() {
      throw new IllegalStateException("secret internals: jdbc password=hunter2");
    }

    @GetMapping("/v1/test-errors/bug")
    String gatewayBug() {
      throw new IllegalStateException("secret internals: jdbc password=hunter2");
    }

    @GetMapping("/api/test-errors/gone")
    String gone() {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such session");
    }

    @GetMapping("/api/test-errors/declared")
    String declared() {
      throw new Conflict();
    }
  }

  @ResponseStatus(code = HttpStatus.CONFLICT, reason = "the session has ended")
  static final class Conflict extends RuntimeException {}

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("socra-errors-test");
    server =
        SocraServer.start(
            Map.of("PORT", "0", "SOCRA_DATA_DIR", dir.toString()),
            new ApiErrorsTest().new Failing());
    SocraUser u = server.bean(Users.class).create("errors", "correct horse battery");
    http = Http.as(server.baseUrl(), server.bean(ApiTokens.class).create(u.id(), "test"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aTextTooLongIs400WithTheReason() {
    Http.Response r = http.get("/api/test-errors/idea");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().get("detail").asText()).contains("the limit is 4000");
  }

  @Test
  void anIllegalArgumentOrAnAccountErrorIs400WithTheReason() {
    assertThat(http.get("/api/test-errors/argument").json().get("detail").asText())
        .isEqualTo("turns must be from 1 to 12, was 40");
    Http.Response account = http.get("/api/test-errors/account");
    assertThat(account.status()).isEqualTo(400);
    assertThat(account.json().get("detail").asText()).contains("at most 100 characters");
  }

  @Test
  void anUnexpectedErrorIs500WithAReferenceAndNothingInside() {
    for (String path : new String[] {"/api/test-errors/bug", "/v1/test-errors/bug"}) {
      Http.Response r = http.get(path);
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.body())
          .contains("internal error; the server's log has the details under ref ")
          .doesNotContain("secret")
          .doesNotContain("hunter2")
          .doesNotContain("IllegalStateException")
          .doesNotContain("\tat ")
          .doesNotContain("dev.socra");
    }
    Http.Response gateway = http.get("/v1/test-errors/bug");
    assertThat(gateway.header("Content-Type")).startsWith("application/json");
    assertThat(gateway.json().at("/error/type").asText()).isEqualTo("server_error");
  }

  @Test
  void declaredStatusesAreKept() {
    Http.Response gone = http.get("/api/test-errors/gone");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().get("detail").asText()).isEqualTo("no such session");
    Http.Response conflict = http.get("/api/test-errors/declared");
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.json().get("detail").asText()).isEqualTo("the session has ended");
  }

  @Test
  void springsOwnErrorsAreProblemDetailsToo() {
    Http.Response unreadable = http.post("/api/tokens", "{not json");
    assertThat(unreadable.status()).isEqualTo(400);
    assertThat(unreadable.header("Content-Type")).startsWith("application/problem+json");
    assertThat(unreadable.body()).doesNotContain("\tat ").doesNotContain("jackson");

    Http.Response method =
        http.send(http.request("/api/me").PUT(HttpRequest.BodyPublishers.noBody()));
    assertThat(method.status()).isEqualTo(405);
    assertThat(method.json().get("status").asInt()).isEqualTo(405);
  }
}
