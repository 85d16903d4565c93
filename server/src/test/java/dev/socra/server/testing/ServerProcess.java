package dev.socra.server.testing;

import dev.socra.llm.Router;
import dev.socra.server.SocraServer;
import dev.socra.server.account.ApiTokens;
import dev.socra.server.account.SocraUser;
import dev.socra.server.account.Users;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Socra server in a process of its own, which a test can kill like a crash ({@code SIGKILL}) and
 * start again on the same database. The child prints {@code READY <port>} when it serves, and with
 * {@code SOCRA_TEST_USER} set, {@code TOKEN <token>} for a new user of that name. With {@code
 * SOCRA_TEST_CALL_LOG} set, its stub logs every call to that file ({@link CallLog}), under the name
 * {@code SOCRA_TEST_NAME}. With {@value #HOLD_STAGE} set to a stage's id, the child's router holds
 * the first attempt of that stage (an {@link AttemptGate} never opened, so for {@link
 * AttemptGate#PATIENCE}): the stage is running and cannot finish, however fast or slow the machine,
 * until the process is killed.
 */
public final class ServerProcess implements AutoCloseable {
  /** The child's variable naming the stage whose first attempt it holds until killed. */
  public static final String HOLD_STAGE = "SOCRA_TEST_HOLD_STAGE";

  /** Only against a hang: a child starts in a few seconds on an idle machine. */
  static final Duration START_PATIENCE = Duration.ofMinutes(2);

  /** Passwords' hash cost in tests (server/.../account/PasswordHashing). */
  private static final String TEST_HASH_COST = "socra.test.password-hash-cost";

  private final Process process;
  private final int port;
  private final String token;

  private ServerProcess(Process process, int port, String token) {
    this.process = process;
    this.port = port;
    this.token = token;
  }

  /** Runs in the child. */
  public static void main(String[] args) {
    String callLog = System.getenv("SOCRA_TEST_CALL_LOG");
    SocraServer server =
        callLog == null
            ? SocraServer.start(System.getenv())
            : SocraServer.start(
                System.getenv(),
                new CallLog(
                    Path.of(callLog), System.getenv().getOrDefault("SOCRA_TEST_NAME", "server")));
    String hold = System.getenv(HOLD_STAGE);
    if (hold != null) {
      server.bean(Router.class).addListener(AttemptGate.atStage(hold));
    }
    String user = System.getenv("SOCRA_TEST_USER");
    if (user != null) {
      SocraUser u = server.bean(Users.class).create(user, "correct horse battery staple");
      System.out.println("TOKEN " + server.bean(ApiTokens.class).create(u.id(), "test"));
    }
    System.out.println("READY " + server.port());
    System.out.flush();
  }

  /** Starts a child on {@code dataDir}; {@code user} creates a user and returns its token. */
  public static ServerProcess start(Path dataDir, Map<String, String> env, String user)
      throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String javaBin = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(javaBin);
    // A short-lived server: C1 alone starts it sooner than tiered compilation does.
    command.add("-XX:TieredStopAtLevel=1");
    String hashCost = System.getProperty(TEST_HASH_COST);
    if (hashCost != null) {
      command.add("-D" + TEST_HASH_COST + "=" + hashCost); // as cheap as in this JVM
    }
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), ServerProcess.class.getName()));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> e = new HashMap<>(env);
    e.put("PORT", String.valueOf(port));
    e.put("SOCRA_DATA_DIR", dataDir.toString());
    if (user != null) {
      e.put("SOCRA_TEST_USER", user);
    }
    pb.environment().putAll(e);
    pb.redirectErrorStream(true);
    // beside the data directory when the server is to make it
    Path logs = Files.isDirectory(dataDir) ? dataDir : dataDir.toAbsolutePath().getParent();
    File log = logs.resolve("server-" + System.nanoTime() + ".log").toFile();
    pb.redirectOutput(log);
    Process p = pb.start();
    String token = null;
    long deadline = System.nanoTime() + START_PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException(
            "the server process ended: " + Files.readString(log.toPath()));
      }
      for (String line : Files.readAllLines(log.toPath())) {
        if (line.startsWith("TOKEN ")) {
          token = line.substring(6).strip();
        }
        if (line.startsWith("READY ")) {
          return new ServerProcess(p, port, token);
        }
      }
      Thread.sleep(100);
    }
    p.destroyForcibly();
    throw new IllegalStateException(
        "the server process did not start within "
            + START_PATIENCE
            + ": "
            + Files.readString(log.toPath()));
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  public String token() {
    return token;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hooks, no graceful stop; what was committed is all that survives. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
