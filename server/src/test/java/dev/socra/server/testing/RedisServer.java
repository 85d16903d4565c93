package dev.socra.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real, throwaway {@code redis-server} for tests, as {@link Postgres} is for PostgreSQL: Debian's
 * binary ({@code /usr/bin/redis-server}, else the first on {@code PATH}), on a free port of
 * 127.0.0.1, in a temp directory, without persistence. A test may {@link #stop()} it (an outage)
 * and {@link #start()} it again on the same port; a shutdown hook stops it for good.
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.launch()) {
 *   env.put("SOCRA_REDIS_URL", redis.url());
 * }
 * }</pre>
 */
public final class RedisServer implements AutoCloseable {
  static final String NOT_FOUND =
      "redis-server not found: install Debian's redis-server package"
          + " (apt-get install redis-server) or run .ci/run, which installs it";

  private final Path binary;
  private final Path dir;
  private final int port;
  private Process process;

  private RedisServer(Path binary, Path dir, int port) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
  }

  /** A new server on a free port. */
  public static RedisServer launch() {
    Path bin = locate();
    try {
      Path dir = Files.createTempDirectory("socra-redis-");
      RedisServer r = new RedisServer(bin, dir, freePort());
      r.start();
      Runtime.getRuntime().addShutdownHook(new Thread(r::close, "redis-stop"));
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare a directory for redis-server", e);
    }
  }

  /** {@code redis://127.0.0.1:<port>}: what {@code SOCRA_REDIS_URL} takes. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Starts (again, after {@link #stop()}) on the same port; waits until it answers PING. */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    List<String> command =
        List.of(
            binary.toString(),
            "--port",
            String.valueOf(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            dir.toString(),
            "--save",
            "",
            "--appendonly",
            "no",
            "--protected-mode",
            "no",
            "--logfile",
            dir.resolve("redis.log").toString());
    try {
      process = new ProcessBuilder(command).directory(dir.toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + binary + ": " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!ping()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "redis-server did not start on port " + port + ": " + log());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting redis-server", e);
      }
    }
  }

  /** Kills the server (an outage: everything it held is lost); {@link #start()} brings it back. */
  public synchronized void stop() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /** True when the server answers {@code PING} now. */
  public boolean ping() {
    try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
      s.setSoTimeout(2_000);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] b = new byte[7];
      int n = in.readNBytes(b, 0, 7);
      return n == 7 && new String(b, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public synchronized void close() {
    stop();
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp directory is harmless
    }
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("redis.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static Path locate() {
    Path debian = Path.of("/usr/bin/redis-server");
    if (Files.isExecutable(debian)) {
      return debian;
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String entry : path.split(":")) {
        Path p = Path.of(entry.isEmpty() ? "." : entry, "redis-server");
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    throw new IllegalStateException(NOT_FOUND);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
