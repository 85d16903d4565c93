package dev.socra.server.testing;

import dev.socra.server.SocraServer;
import dev.socra.server.account.ApiTokens;
import dev.socra.server.account.SocraUser;
import dev.socra.server.account.Users;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Socra server on a random port with its own empty embedded database (or a PostgreSQL
 * database, see {@link #postgres}), in demo mode unless the environment names providers.
 *
 * <p>Starting one costs about half a second once the JVM is warm: a test class that needs nothing
 * of its own (the default settings, users it creates itself) takes the {@link #shared()} one.
 */
public final class TestServer implements AutoCloseable {
  private static TestServer shared;

  private final SocraServer server;
  private final Path dataDir;
  private final boolean isShared;

  private TestServer(SocraServer server, Path dataDir, boolean isShared) {
    this.server = server;
    this.dataDir = dataDir;
    this.isShared = isShared;
  }

  /** Demo mode, H2 in a fresh temporary directory; {@code env} adds or overrides variables. */
  public static TestServer start(Map<String, String> env) {
    return start(env, new Object[0]);
  }

  /**
   * The same with beans of the test's own, such as a {@link TestClock} for the parts of the server
   * that wait or expire.
   */
  public static TestServer start(Map<String, String> env, Object... beans) {
    Path dir = tempDir();
    Map<String, String> e = new HashMap<>();
    e.put("PORT", "0");
    e.put("SOCRA_DATA_DIR", dir.toString());
    e.put("SOCRA_CONFIG", fastStub(dir).toString());
    e.putAll(env);
    return new TestServer(SocraServer.start(e, beans), dir, false);
  }

  public static TestServer start() {
    return start(Map.of());
  }

  /**
   * The demo-mode server with the default settings that every test class of this JVM may share,
   * started on first use and stopped when the JVM ends; {@link #close()} leaves it running. Its
   * users are whoever the classes create, so a class names its users after itself ({@code
   * sessions-ada}), leaves router listeners it adds removed, and never counts on being the first
   * user (the admin): a class that needs a server of its own starts one.
   */
  public static synchronized TestServer shared() {
    if (shared == null) {
      TestServer s = start();
      shared = new TestServer(s.server, s.dataDir, true);
    }
    return shared;
  }

  /** The same on a fresh PostgreSQL database. */
  public static TestServer postgres(Map<String, String> env) {
    return postgres(env, new Object[0]);
  }

  /** The same on PostgreSQL with beans of the test's own. */
  public static TestServer postgres(Map<String, String> env, Object... beans) {
    Postgres pg = Postgres.get();
    String db = pg.createDatabase();
    Map<String, String> e = new HashMap<>(env);
    e.put("SOCRA_DB_URL", pg.jdbcUrl(db));
    e.put("SOCRA_DB_USER", pg.user());
    e.put("SOCRA_DB_PASSWORD", pg.password());
    return start(e, beans);
  }

  /** A stub that writes without the human-pace delay, so tests run at machine speed. */
  static Path fastStub(Path dir) {
    try {
      Path config = dir.resolve("socra-test.yaml");
      Files.writeString(config, "stub:\n  token_delay: 0ms\n");
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("socra-server-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  public int port() {
    return server.port();
  }

  public Path dataDir() {
    return dataDir;
  }

  public <T> T bean(Class<T> type) {
    return server.bean(type);
  }

  public SocraServer server() {
    return server;
  }

  /** HTTP sessions the server holds now (Tomcat's count): state kept between requests. */
  public int httpSessions() {
    var web =
        (org.springframework.boot.web.embedded.tomcat.TomcatWebServer)
            ((org.springframework.boot.web.context.WebServerApplicationContext) server.context())
                .getWebServer();
    int n = 0;
    for (var child : web.getTomcat().getHost().findChildren()) {
      n += ((org.apache.catalina.Context) child).getManager().getActiveSessions();
    }
    return n;
  }

  /** A new user with a fresh API token; returns the token. */
  public String userWithToken(String name) {
    SocraUser u = bean(Users.class).create(name, "correct horse battery staple");
    return bean(ApiTokens.class).create(u.id(), "test");
  }

  /**
   * A token of the server's admin (who may read metrics and target details): the first user, made
   * now when there is none yet.
   */
  public String adminToken() {
    org.springframework.jdbc.core.simple.JdbcClient db =
        bean(org.springframework.jdbc.core.simple.JdbcClient.class);
    java.util.Optional<String> admin =
        db
            .sql("SELECT id FROM users WHERE admin ORDER BY created_at")
            .query(String.class)
            .list()
            .stream()
            .findFirst();
    String id =
        admin.orElseGet(
            () -> bean(Users.class).create("the-admin", "correct horse battery staple").id());
    return bean(ApiTokens.class).create(id, "test-admin");
  }

  /** Stops the server; the {@link #shared()} one stops only with the JVM. */
  @Override
  public void close() {
    if (!isShared) {
      server.close();
    }
  }
}
