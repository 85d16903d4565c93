package dev.socra.server.admin;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.socra.server.ServerSettings;
import dev.socra.server.account.ApiTokens;
import dev.socra.server.account.SocraUser;
import dev.socra.server.account.Users;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Account administration straight on the server's database, without starting the web server: what
 * {@code socra user add} and {@code socra token create} run. It reads the same settings as the
 * server ({@code SOCRA_DATA_DIR}, {@code SOCRA_DB_URL} ...), runs the same migrations first (so a
 * fresh data directory works), and goes through the same {@link Users} and {@link ApiTokens}. The
 * embedded H2 file is opened with {@code AUTO_SERVER=TRUE}, so this works while a server runs on
 * it.
 */
public final class Admin implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final Users users;
  private final ApiTokens tokens;

  private Admin(HikariDataSource dataSource) {
    this.dataSource = dataSource;
    JdbcClient db = JdbcClient.create(dataSource);
    this.users = new Users(db);
    this.tokens = new ApiTokens(db);
    users.fillNameKeys();
  }

  /**
   * Opens and migrates the database the environment names.
   *
   * @throws IllegalArgumentException for a bad setting (the message names the variable)
   */
  public static Admin open(Map<String, String> env) {
    ServerSettings settings = ServerSettings.from(env);
    HikariConfig config = new HikariConfig();
    config.setPoolName("socra-admin");
    config.setJdbcUrl(settings.jdbcUrl());
    if (settings.embeddedDatabase()) {
      config.setUsername("sa"); // as the server opens it
      config.setPassword("");
    } else {
      config.setUsername(settings.dbUser());
      config.setPassword(settings.dbPassword());
    }
    // Flyway may hold a second connection for its lock; nothing else runs here.
    config.setMaximumPoolSize(2);
    HikariDataSource dataSource = new HikariDataSource(config);
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
      return new Admin(dataSource);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  /** A new local user with a password; the first user of a server is its admin. */
  public SocraUser addUser(String name, String password) {
    return users.create(name, password);
  }

  /** A new API token for a user, and the user itself when it did not exist yet. */
  public record IssuedToken(SocraUser user, boolean userCreated, String token) {}

  /**
   * Issues a token for the user {@code name}, creating the user first when missing: without a
   * password, so it signs in with tokens only until one is set.
   */
  public IssuedToken createToken(String name, String label) {
    Optional<SocraUser> known = users.byName(name);
    SocraUser user = known.orElseGet(() -> users.createWithoutPassword(name));
    return new IssuedToken(user, known.isEmpty(), tokens.create(user.id(), label));
  }

  public Users users() {
    return users;
  }

  public ApiTokens tokens() {
    return tokens;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
