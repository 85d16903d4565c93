package dev.socra.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.server.SocraServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code socra credits grant}: promotional credits on the server's database, with a reason. */
class CreditsCommandTest {
  @TempDir Path dir;

  @Test
  void anAdminGrantsCreditsThatTheUserSeesWithTheReason() throws Exception {
    Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "SOCRA_DATA_DIR", dir.toString()));
    String token = Cli.run(env, "token", "create", "ada").out().strip();

    Cli.Result granted = Cli.run(env, "credits", "grant", "ada", "3", "--reason", "launch promo");
    assertThat(granted.exitCode()).as(granted.err()).isZero();
    assertThat(granted.out()).isEqualTo("granted 3 credits to ada; balance 3\n");
    Cli.Result again = Cli.run(env, "credits", "grant", "ada", "1", "--reason", "apology");
    assertThat(again.out()).contains("balance 4");

    try (SocraServer server = SocraServer.start(env)) {
      HttpResponse<String> credits =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/credits"))
                      .header("Authorization", "Bearer " + token)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(credits.statusCode()).isEqualTo(200);
      assertThat(credits.body())
          .contains("\"balance\":4", "granted by the admin: launch promo", "\"kind\":\"grant\"");
    }
  }

  @Test
  void aGrantWithoutAUserACountOrAReasonIsAUsageError() {
    Map<String, String> env = new HashMap<>(Map.of("SOCRA_DATA_DIR", dir.toString()));
    Cli.run(env, "token", "create", "bob");
    Cli.Result unknown = Cli.run(env, "credits", "grant", "nobody", "1", "--reason", "x");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no user nobody");
    assertThat(Cli.run(env, "credits", "grant", "bob", "1").exitCode()).isEqualTo(2);
    assertThat(Cli.run(env, "credits", "grant", "bob", "0", "--reason", "x").err())
        .contains("from 1 to 1000");
    assertThat(Cli.run(env, "credits", "grant", "bob", "many", "--reason", "x").exitCode())
        .isEqualTo(2);
    assertThat(Cli.run(env, "credits", "grant", "bob", "1", "--reason", " ").err())
        .contains("a reason is required");
  }
}
