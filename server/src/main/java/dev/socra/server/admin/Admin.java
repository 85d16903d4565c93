package dev.socra.server.admin;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.socra.server.DataDirectory;
import dev.socra.server.ServerSettings;
import dev.socra.server.account.AccountException;
import dev.socra.server.account.ApiTokens;
import dev.socra.server.account.SocraUser;
import dev.socra.server.account.Users;
import dev.socra.server.billing.CreditLedger;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Account administration for {@code socra user add} and {@code socra token create}. It reads the
 * same settings as the server ({@code SOCRA_DATA_DIR}, {@code SOCRA_DB_URL} ...) and goes through
 * the same {@link Users} and {@link ApiTokens}:
 *
 * <ul>
 *   <li>a server running on the embedded database is asked over its admin socket ({@link
 *       AdminSocket}), since it alone may have the database open;
 *   <li>otherwise (no server, or PostgreSQL) the database is opened here and migrated first, so a
 *       fresh data directory works.
 * </ul>
 */
public final class Admin implements AutoCloseable {
  private sealed interface Backend permits Direct, Remote {
    SocraUser addUser(String name, String password);

    IssuedToken createToken(String name, String label);

    Granted grantCredits(String name, int credits, String reason);

    void close();
  }

  private final Backend backend;

  private Admin(Backend backend) {
    this.backend = backend;
  }

  /**
   * Reaches the server the environment names, or opens and migrates its database.
   *
   * @throws IllegalArgumentException for a bad setting (the message names the variable)
   */
  public static Admin open(Map<String, String> env) {
    ServerSettings settings = ServerSettings.from(env);
    if (settings.embeddedDatabase()) {
      DataDirectory.prepare(settings.dataDir());
      Optional<Remote> running =
          Remote.connect(settings.dataDir().resolve(DataDirectory.ADMIN_SOCKET));
      if (running.isPresent()) {
        return new Admin(running.get());
      }
    }
    return new Admin(Direct.open(settings));
  }

  /** Whether this goes through a running server rather than the database itself. */
  public boolean viaRunningServer() {
    return backend instanceof Remote;
  }

  /** A new local user with a password; the first user of a server is its admin. */
  public SocraUser addUser(String name, String password) {
    return backend.addUser(name, password);
  }

  /** A new API token for a user, and the user itself when it did not exist yet. */
  public record IssuedToken(SocraUser user, boolean userCreated, String token) {}

  /**
   * Issues a token for the user {@code name}, creating the user first when missing: without a
   * password, so it signs in with tokens only until one is set.
   */
  public IssuedToken createToken(String name, String label) {
    return backend.createToken(name, label);
  }

  /** Credits granted to a user by the admin, and the user's balance after. */
  public record Granted(SocraUser user, long balance) {}

  /**
   * Grants {@code credits} promotional credits to the user {@code name}, with the reason kept in
   * the ledger.
   *
   * @throws AccountException for an unknown user, a count out of range, or no reason
   */
  public Granted grantCredits(String name, int credits, String reason) {
    return backend.grantCredits(name, credits, reason);
  }

  @Override
  public void close() {
    backend.close();
  }

  /** The database itself. */
  private record Direct(HikariDataSource dataSource, Users users, ApiTokens tokens, Path dir)
      implements Backend {
    static Direct open(ServerSettings settings) {
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
      HikariDataSource dataSource;
      try {
        dataSource = new HikariDataSource(config);
      } catch (RuntimeException e) {
        throw inUse(e, settings);
      }
      try {
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .load()
            .migrate();
        JdbcClient db = JdbcClient.create(dataSource);
        Users users = new Users(db);
        users.fillNameKeys();
        if (settings.embeddedDatabase()) {
          DataDirectory.narrowFiles(settings.dataDir());
        }
        return new Direct(dataSource, users, new ApiTokens(db), settings.dataDir());
      } catch (RuntimeException e) {
        dataSource.close();
        throw e;
      }
    }

    /** H2 says "already in use" when a server runs on the file but its socket did not answer. */
    private static RuntimeException inUse(RuntimeException e, ServerSettings settings) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof SQLException s
            && s.getErrorCode() == 90020
            && settings.embeddedDatabase()) {
          return new IllegalStateException(
              "the database in "
                  + settings.dataDir()
                  + " is in use by another process (a Socra server whose admin socket "
                  + DataDirectory.ADMIN_SOCKET
                  + " does not answer?)",
              e);
        }
      }
      return e;
    }

    @Override
    public SocraUser addUser(String name, String password) {
      return users.create(name, password);
    }

    @Override
    public IssuedToken createToken(String name, String label) {
      Optional<SocraUser> known = users.byName(name);
      SocraUser user = known.orElseGet(() -> users.createWithoutPassword(name));
      return new IssuedToken(user, known.isEmpty(), tokens.create(user.id(), label));
    }

    @Override
    public Granted grantCredits(String name, int credits, String reason) {
      return CreditGrant.grant(
          users, new CreditLedger(dataSource, java.time.Clock.systemUTC()), name, credits, reason);
    }

    @Override
    public void close() {
      dataSource.close();
    }
  }

  /** A running server, over its admin socket: one connection a request. */
  private static final class Remote implements Backend {
    private final Path socket;
    private SocketChannel first; // opened to see whether a server answers; used by the request

    private Remote(Path socket, SocketChannel first) {
      this.socket = socket;
      this.first = first;
    }

    /** The running server's socket, or empty when none answers (none runs; it was killed). */
    static Optional<Remote> connect(Path socket) {
      if (!Files.exists(socket)) {
        return Optional.empty();
      }
      try {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
          c.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
          c.close();
          return Optional.empty();
        }
        return Optional.of(new Remote(socket, c));
      } catch (IOException | UnsupportedOperationException e) {
        return Optional.empty();
      }
    }

    @Override
    public SocraUser addUser(String name, String password) {
      return ask(new AdminRequest(AdminRequest.USER_ADD, name, password, null, null, null)).user();
    }

    @Override
    public IssuedToken createToken(String name, String label) {
      AdminRequest.Answer a =
          ask(new AdminRequest(AdminRequest.TOKEN_CREATE, name, null, label, null, null));
      return new IssuedToken(a.user(), Boolean.TRUE.equals(a.userCreated()), a.token());
    }

    @Override
    public Granted grantCredits(String name, int credits, String reason) {
      AdminRequest.Answer a =
          ask(new AdminRequest(AdminRequest.CREDITS_GRANT, name, null, null, credits, reason));
      return new Granted(a.user(), a.balance() == null ? 0 : a.balance());
    }

    private AdminRequest.Answer ask(AdminRequest request) {
      try (SocketChannel c = channel()) {
        AdminRequest.write(c, request);
        AdminRequest.Answer a =
            AdminRequest.answer(c)
                .orElseThrow(
                    () -> new IOException("the server closed the connection without answering"));
        return switch (a.outcome()) {
          case "done" -> a;
          case "refused" -> throw new AccountException(a.message());
          default -> throw new IllegalStateException(a.message());
        };
      } catch (IOException | java.io.UncheckedIOException e) {
        throw new IllegalStateException(
            "the running server did not answer on " + socket + ": " + e.getMessage(), e);
      }
    }

    private SocketChannel channel() throws IOException {
      if (first != null) {
        SocketChannel c = first;
        first = null;
        return c;
      }
      SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
      c.connect(UnixDomainSocketAddress.of(socket));
      return c;
    }

    @Override
    public void close() {
      if (first != null) {
        try {
          first.close();
        } catch (IOException e) {
          // nothing was asked on it
        }
      }
    }
  }
}
