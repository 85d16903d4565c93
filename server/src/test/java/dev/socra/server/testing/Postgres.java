package dev.socra.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real, throwaway PostgreSQL server for tests: one per JVM, started on first use from the
 * installed Debian binaries ({@code /usr/lib/postgresql/<highest>/bin}, else {@code PATH}), in a
 * fresh temp directory, on a free port of 127.0.0.1, and stopped (directory deleted) by a shutdown
 * hook. Durability is off ({@code fsync}, {@code full_page_writes}, {@code synchronous_commit}), so
 * it is fast and its data is worthless. Authentication is {@code trust}: any password is accepted.
 *
 * <p>PostgreSQL refuses to run as root; when the JVM is root the directory is handed to the {@code
 * postgres} system user (created by Debian's package) and every command runs through {@code runuser
 * -u postgres}.
 *
 * <pre>{@code
 * Postgres pg = Postgres.get();
 * String url = pg.jdbcUrl(pg.createDatabase()); // an empty database of its own
 * }</pre>
 */
public final class Postgres {
  static final String NOT_FOUND =
      "PostgreSQL server binaries not found: install Debian's postgresql package"
          + " (apt-get install postgresql) or run .ci/run, which installs it";

  private static final String SUPERUSER = "postgres";
  private static final long COMMAND_TIMEOUT_SECONDS = 120;
  private static Postgres instance;
  private static RuntimeException failure;

  private final Path bin;
  private final Path dir;
  private final Path data;
  private final Path log;
  private final boolean asPostgresUser;
  private final AtomicInteger databases = new AtomicInteger();
  private int port;

  /** The server of this JVM, started on the first call. */
  public static synchronized Postgres get() {
    if (failure != null) { // fail every later caller at once, with the first cause
      throw new IllegalStateException(failure.getMessage(), failure);
    }
    if (instance == null) {
      try {
        Postgres pg =
            new Postgres(locateBinDir().orElseThrow(() -> new IllegalStateException(NOT_FOUND)));
        try {
          pg.start();
        } catch (RuntimeException e) {
          pg.stop(); // and delete the directory
          throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(pg::stop, "postgres-stop"));
        instance = pg;
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }
    return instance;
  }

  /** A JDBC URL of {@code database} on this server. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public String user() {
    return SUPERUSER;
  }

  /** Accepted but not checked: the server trusts every local connection. */
  public String password() {
    return SUPERUSER;
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
  }

  /** Creates a new, empty database and returns its name ({@code test_1}, {@code test_2}, ...). */
  public String createDatabase() {
    String name = "test_" + databases.incrementAndGet();
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user(), password());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not create database " + name + ": " + e.getMessage(), e);
    }
    return name;
  }

  // ---------------------------------------------------------------------------------------------

  private Postgres(Path bin) {
    this.bin = bin;
    this.asPostgresUser = isRoot();
    try {
      dir = Files.createTempDirectory("socra-pg-").toRealPath();
      data = dir.resolve("data");
      log = dir.resolve("server.log");
      Files.createDirectory(dir.resolve("socket"));
      if (asPostgresUser) {
        handToPostgresUser();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare a directory for PostgreSQL", e);
    }
  }

  private void start() {
    run(
        List.of(
            exe("initdb"),
            "-D",
            data.toString(),
            "-U",
            SUPERUSER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync"),
        "initdb");
    // A free port may be taken between probing and binding: try a few.
    for (int attempt = 1; ; attempt++) {
      port = freePort();
      String options =
          String.join(
              " ",
              "-p " + port,
              "-k " + dir.resolve("socket"),
              "-c listen_addresses=127.0.0.1",
              "-c fsync=off",
              "-c full_page_writes=off",
              "-c synchronous_commit=off",
              "-c max_connections=200");
      try {
        run(
            List.of(
                exe("pg_ctl"),
                "-D",
                data.toString(),
                "-l",
                log.toString(),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start"),
            "pg_ctl start");
        return;
      } catch (IllegalStateException e) {
        if (attempt >= 3 || !tail(log).contains("could not bind")) {
          throw e;
        }
      }
    }
  }

  private void stop() {
    try {
      if (Files.exists(data.resolve("postmaster.pid"))) {
        run(
            List.of(exe("pg_ctl"), "-D", data.toString(), "-m", "immediate", "-w", "stop"),
            "pg_ctl stop");
      }
    } catch (RuntimeException e) {
      System.err.println("Postgres test server: " + e.getMessage());
    }
    deleteRecursively(dir);
  }

  private String exe(String name) {
    return bin.resolve(name).toString();
  }

  /**
   * Runs a PostgreSQL command (as the postgres user when root); fails with its output and the log.
   */
  private void run(List<String> command, String what) {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of(runuser(), "-u", SUPERUSER, "--"));
    }
    full.addAll(command);
    Path output = dir.resolve("command.out");
    int exit;
    try {
      Process p =
          new ProcessBuilder(full)
              .directory(dir.toFile()) // the postgres user may not be able to enter the JVM's cwd
              .redirectErrorStream(true)
              .redirectOutput(output.toFile()) // a file, not a pipe: the server outlives pg_ctl
              .start();
      if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        exit = -1;
      } else {
        exit = p.exitValue();
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + String.join(" ", full) + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + what, e);
    }
    if (exit != 0) {
      throw new IllegalStateException(
          "PostgreSQL "
              + what
              + " failed (exit "
              + exit
              + "): "
              + String.join(" ", full)
              + "\n--- output ---\n"
              + tail(output)
              + "\n--- "
              + log
              + " ---\n"
              + tail(log));
    }
  }

  /**
   * The newest {@code /usr/lib/postgresql/<version>/bin} holding initdb, pg_ctl and postgres, else
   * the first such directory on {@code PATH}.
   */
  static Optional<Path> locateBinDir() {
    return locateBinDir(Paths.get("/usr/lib/postgresql"), System.getenv("PATH"));
  }

  static Optional<Path> locateBinDir(Path debianRoot, String pathEnv) {
    if (Files.isDirectory(debianRoot)) {
      try (Stream<Path> versions = Files.list(debianRoot)) {
        Optional<Path> newest =
            versions
                .map(v -> v.resolve("bin"))
                .filter(Postgres::hasServerBinaries)
                .max(
                    Comparator.comparing(
                        b -> b.getParent().getFileName().toString(), Postgres::compareVersions));
        if (newest.isPresent()) {
          return newest;
        }
      } catch (IOException e) {
        // fall through to PATH
      }
    }
    if (pathEnv != null) {
      for (String entry : pathEnv.split(":")) {
        if (!entry.isEmpty() && hasServerBinaries(Paths.get(entry))) {
          return Optional.of(Paths.get(entry));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean hasServerBinaries(Path bin) {
    return Stream.of("initdb", "pg_ctl", "postgres")
        .allMatch(n -> Files.isExecutable(bin.resolve(n)));
  }

  /** "9.6" &lt; "15" &lt; "16": numeric, part by part. */
  static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int c = Long.compare(number(x, i), number(y, i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static long number(String[] parts, int i) {
    try {
      return i < parts.length ? Long.parseLong(parts[i]) : 0;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean isRoot() {
    try {
      Object uid = Files.getAttribute(Paths.get("/proc/self"), "unix:uid");
      return Integer.valueOf(0).equals(uid);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  private static String runuser() {
    for (String candidate : List.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")) {
      if (Files.isExecutable(Paths.get(candidate))) {
        return candidate;
      }
    }
    return "runuser";
  }

  /** Gives the directory to the postgres user and lets it through every parent. */
  private void handToPostgresUser() throws IOException {
    UserPrincipal owner;
    try {
      owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SUPERUSER);
    } catch (IOException e) {
      throw new IllegalStateException(
          "running as root, but there is no '"
              + SUPERUSER
              + "' system user to run PostgreSQL as"
              + " (Debian's postgresql package creates it): "
              + NOT_FOUND,
          e);
    }
    Files.setOwner(dir, owner);
    Files.setOwner(dir.resolve("socket"), owner);
    for (Path p = dir.getParent(); p != null; p = p.getParent()) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
      if (perms.add(PosixFilePermission.OTHERS_EXECUTE)) {
        Files.setPosixFilePermissions(p, perms);
      }
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines =
          new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(" + file + " unreadable: " + e.getMessage() + ")";
    }
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp directory is harmless
    }
  }
}
