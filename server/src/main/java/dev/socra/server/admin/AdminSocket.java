package dev.socra.server.admin;

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
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * While a server runs on the embedded database, it alone has the database open (no H2 server, no
 * port): {@code socra user add} and {@code socra token create} reach it through a Unix socket in
 * the data directory, {@value DataDirectory#ADMIN_SOCKET}. The socket file is mode 0600 in a
 * directory of mode 0700, and the server also checks who connects (the kernel's peer credentials):
 * only the user the server runs as is answered. One request a connection (a JSON line each way,
 * {@link AdminRequest}); at most {@value #CONNECTIONS} at a time, each closed after {@link
 * #TIMEOUT}.
 *
 * <p>With PostgreSQL there is no socket: the commands open the database themselves, as many
 * processes may.
 */
@Component
class AdminSocket implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(AdminSocket.class);
  static final int CONNECTIONS = 4;
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** Longest socket path the kernel takes ({@code sun_path} is 108 bytes with its NUL). */
  static final int MAX_PATH = 107;

  private final ServerSettings settings;
  private final Users users;
  private final ApiTokens tokens;
  private final ObjectProvider<CreditLedger> credits;
  private final Semaphore slots = new Semaphore(CONNECTIONS);
  private ScheduledExecutorService timeouts;
  private ServerSocketChannel channel;
  private Path path;
  private UserPrincipal owner;
  private volatile boolean started;

  AdminSocket(
      ServerSettings settings,
      Users users,
      ApiTokens tokens,
      ObjectProvider<CreditLedger> credits) {
    this.settings = settings;
    this.users = users;
    this.tokens = tokens;
    this.credits = credits;
  }

  @Override
  public void start() {
    if (!settings.embeddedDatabase()) {
      return;
    }
    Path dir = settings.dataDir();
    DataDirectory.narrowFiles(dir); // the database's files, made by H2 with the process's umask
    Path p = dir.resolve(DataDirectory.ADMIN_SOCKET);
    if (p.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PATH) {
      log.warn(
          "SOCRA_DATA_DIR {} is too long a path for the admin socket: socra user add and socra"
              + " token create cannot reach this server while it runs (stop it to use them)",
          dir);
      return;
    }
    try {
      // A server stopped by a signal leaves its socket behind; this server holds the database
      // now, so no other server answers on it.
      Files.deleteIfExists(p);
      ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      ch.bind(UnixDomainSocketAddress.of(p));
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
      this.owner = Files.getOwner(p);
      this.channel = ch;
      this.path = p;
      this.timeouts =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().daemon().name("socra-admin-timeouts").factory());
      this.started = true;
      Thread.ofVirtual().name("socra-admin-socket").start(this::accept);
    } catch (IOException | UnsupportedOperationException e) {
      log.warn(
          "no admin socket in {} ({}): socra user add and socra token create cannot reach this"
              + " server while it runs",
          dir,
          e.toString());
    }
  }

  private void accept() {
    while (channel != null && channel.isOpen()) {
      SocketChannel c;
      try {
        c = channel.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        log.warn("admin socket: {}", e.toString());
        continue;
      }
      if (!slots.tryAcquire()) {
        close(c); // busy: the command says it could not reach the server
        continue;
      }
      Thread.ofVirtual()
          .name("socra-admin-request")
          .start(
              () -> {
                var timeout =
                    timeouts.schedule(() -> close(c), TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                try {
                  serve(c);
                } finally {
                  timeout.cancel(false);
                  close(c);
                  slots.release();
                }
              });
    }
  }

  private void serve(SocketChannel c) {
    try {
      UnixDomainPrincipal peer = c.getOption(ExtendedSocketOptions.SO_PEERCRED);
      if (peer == null || !peer.user().equals(owner)) {
        AdminRequest.write(
            c, AdminRequest.Answer.refused("only " + owner.getName() + " may use this socket"));
        return;
      }
      Optional<AdminRequest> request = AdminRequest.read(c);
      if (request.isEmpty()) {
        return;
      }
      AdminRequest.write(c, answer(request.get()));
    } catch (IOException | java.io.UncheckedIOException e) {
      // the command went away, or sent something that is not a request
    }
  }

  private AdminRequest.Answer answer(AdminRequest r) {
    try {
      return switch (r.command()) {
        case AdminRequest.USER_ADD -> {
          SocraUser u = users.create(r.name(), r.password());
          yield AdminRequest.Answer.done(u, true, null);
        }
        case AdminRequest.TOKEN_CREATE -> {
          Optional<SocraUser> known = users.byName(r.name());
          SocraUser u = known.orElseGet(() -> users.createWithoutPassword(r.name()));
          yield AdminRequest.Answer.done(u, known.isEmpty(), tokens.create(u.id(), r.label()));
        }
        case AdminRequest.CREDITS_GRANT -> {
          CreditLedger ledger = credits.getIfAvailable();
          if (ledger == null) {
            yield AdminRequest.Answer.failed("this server keeps no credit ledger");
          }
          int n = r.credits() == null ? 0 : r.credits();
          Admin.Granted g = CreditGrant.grant(users, ledger, r.name(), n, r.reason());
          yield AdminRequest.Answer.granted(g.user(), g.balance());
        }
        default -> AdminRequest.Answer.refused("unknown command '" + r.command() + "'");
      };
    } catch (AccountException e) {
      return AdminRequest.Answer.refused(e.getMessage());
    } catch (RuntimeException e) {
      String ref = UUID.randomUUID().toString().substring(0, 8);
      log.error("admin request failed (ref {})", ref, e);
      return AdminRequest.Answer.failed(
          "the server could not do it; its log has the details under ref " + ref);
    }
  }

  private static void close(SocketChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      // closed already
    }
  }

  @Override
  public void stop() {
    started = false;
    ServerSocketChannel ch = channel;
    channel = null;
    if (ch != null) {
      try {
        ch.close();
        Files.deleteIfExists(path);
      } catch (IOException e) {
        log.warn("admin socket {} could not be removed: {}", path, e.toString());
      }
    }
    if (timeouts != null) {
      timeouts.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return started;
  }
}
