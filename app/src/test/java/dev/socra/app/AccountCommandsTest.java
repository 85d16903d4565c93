package dev.socra.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.server.SocraServer;
import dev.socra.server.account.SocraUser;
import dev.socra.server.account.Users;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code socra user add} and {@code socra token create} on a server's data directory: first on a
 * fresh one (the command migrates it), then while a server runs on it, which then accepts what the
 * commands made.
 */
class AccountCommandsTest {
  static final String TOKEN = "socra_[0-9a-f]{64}";

  @TempDir static Path dir;
  static Map<String, String> env;
  static Cli.Result beforeServer;
  static SocraServer server;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    env = new HashMap<>(Map.of("PORT", "0", "SOCRA_DATA_DIR", dir.toString()));
    beforeServer = Cli.run(env, "token", "create", "grace");
    server = SocraServer.start(env);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aTokenCreatedOnAFreshDataDirectoryAuthenticatesOnTheServer() throws Exception {
    assertThat(beforeServer.exitCode()).as(beforeServer.err()).isZero();
    assertThat(beforeServer.out()).as("stdout is the token alone").matches(TOKEN + "\\R");
    assertThat(beforeServer.err()).contains("created user grace without a password");

    HttpResponse<String> me = me(beforeServer.out().strip());
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).contains("\"name\":\"grace\"");
    // created without a password: no password signs grace in
    assertThat(passwordHash("grace")).isNull();
    assertThat(server.bean(Users.class).authenticate("grace", "")).isEmpty();
    assertThat(server.bean(Users.class).authenticate("grace", "correct horse battery")).isEmpty();
  }

  @Test
  void userAddWhileTheServerRunsThenThatPasswordSignsIn() {
    Cli.Result r = Cli.runWithInput(env, "analytical engine\nignored\n", "user", "add", "ada");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("added user ada");

    Users users = server.bean(Users.class);
    assertThat(users.authenticate("ada", "analytical engine")).map(SocraUser::name).contains("ada");
    assertThat(users.authenticate("ada", "ignored")).isEmpty();
    assertThat(passwordHash("ada")).startsWith("$argon2id$").doesNotContain("analytical");
  }

  @Test
  void aTokenForAnExistingUserIsANewTokenOfThatUser() throws Exception {
    assertThat(Cli.runWithInput(env, "difference engine\r\n", "user", "add", "babbage").exitCode())
        .isZero();
    Cli.Result first = Cli.run(env, "token", "create", "babbage");
    Cli.Result second = Cli.run(env, "token", "create", "babbage", "--label", "laptop");
    assertThat(first.out()).matches(TOKEN + "\\R");
    assertThat(second.out()).matches(TOKEN + "\\R").isNotEqualTo(first.out());
    assertThat(first.err()).doesNotContain("created user");

    String id = server.bean(Users.class).byName("babbage").orElseThrow().id();
    for (Cli.Result r : new Cli.Result[] {first, second}) {
      HttpResponse<String> me = me(r.out().strip());
      assertThat(me.statusCode()).isEqualTo(200);
      assertThat(me.body()).contains("\"id\":\"" + id + "\"");
    }
    // the password set by user add still works: the token did not replace the user
    assertThat(server.bean(Users.class).authenticate("babbage", "difference engine")).isPresent();
  }

  @Test
  void aShortOrMissingPasswordIsRefusedWithExitCode2() {
    for (String input : new String[] {"too short\n", ""}) {
      Cli.Result r = Cli.runWithInput(env, input, "user", "add", "lovelace");
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.err()).contains("socra: a password needs at least 10 characters");
      assertThat(r.out()).isEmpty();
    }
    assertThat(server.bean(Users.class).byName("lovelace")).isEmpty();
  }

  @Test
  void aTakenNameOrABadNameIsExitCode2() {
    assertThat(Cli.runWithInput(env, "first password\n", "user", "add", "hopper").exitCode())
        .isZero();
    Cli.Result taken = Cli.runWithInput(env, "second password\n", "user", "add", "hopper");
    assertThat(taken.exitCode()).isEqualTo(2);
    assertThat(taken.err()).contains("socra: the name 'hopper' is taken");

    Cli.Result bad = Cli.run(env, "token", "create", "no spaces");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("socra: a user name is 2 to 100");
    assertThat(bad.out()).isEmpty();
  }

  @Test
  void aBadSettingIsExitCode2NamingIt() {
    Map<String, String> bad = new HashMap<>(env);
    bad.put("SOCRA_SIGNUP", "maybe");
    Cli.Result r = Cli.run(bad, "token", "create", "grace");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("socra: configuration error: SOCRA_SIGNUP must be");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void anUnreachableDatabaseIsExitCode1SayingWhich() {
    Cli.Result r =
        Cli.run(
            Map.of("SOCRA_DB_URL", "jdbc:postgresql://127.0.0.1:1/socra"), "token", "create", "x");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("socra: cannot use the database (SOCRA_DB_URL): Connection to");
    assertThat(r.out()).isEmpty();
  }

  private static HttpResponse<String> me(String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/me"))
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String passwordHash(String name) {
    return server
        .bean(JdbcClient.class)
        .sql("SELECT password_hash FROM users WHERE name = ?")
        .param(name)
        .query(String.class)
        .optional()
        .orElse(null);
  }
}
