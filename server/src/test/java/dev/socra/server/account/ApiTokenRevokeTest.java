package dev.socra.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.server.testing.Http;
import dev.socra.server.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Resolved tokens are remembered for a while; revoking one here must still end it at once. */
class ApiTokenRevokeTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.shared();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aRevokedTokenIsRefusedOnTheVeryNextRequest() {
    Http owner = Http.as(server.baseUrl(), server.userWithToken("revoke-ada"));
    Http.Response created = owner.post("/api/tokens", Map.of("label", "laptop"));
    assertThat(created.status()).isEqualTo(201);
    Http laptop = Http.as(server.baseUrl(), created.json().get("token").asText());
    for (int i = 0; i < 3; i++) {
      assertThat(laptop.get("/api/me").status()).as("resolved, then remembered").isEqualTo(200);
    }
    String id = null;
    for (var t : owner.get("/api/tokens").json()) {
      if (t.get("label").asText().equals("laptop")) {
        id = t.get("id").asText();
      }
    }
    assertThat(id).isNotNull();

    assertThat(owner.delete("/api/tokens/" + id).status()).isEqualTo(204);

    assertThat(laptop.get("/api/me").status()).isEqualTo(401);
    assertThat(owner.get("/api/me").status()).as("the other token still works").isEqualTo(200);
  }
}
