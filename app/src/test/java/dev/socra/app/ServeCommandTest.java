package dev.socra.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code socra serve} and {@code socra} alone: a real server, or one clear line and exit 2. */
class ServeCommandTest {
  private static final Pattern RUNNING =
      Pattern.compile("Socra is running: open http://localhost:(\\d+)/");

  @TempDir Path dir;

  @Test
  void servesOnAFreePortAnswersHealthAndStopsWhenInterrupted() throws Exception {
    Cli.run(Map.of(), "--version"); // the tests' logging set-up (Cli), with Socra's info shown
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream realErr = System.err;
    System.setErr(new PrintStream(new Tee(logs, realErr), true, StandardCharsets.UTF_8));
    AtomicInteger exit = new AtomicInteger(-1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread serving =
        new Thread(
            () ->
                exit.set(
                    Main.run(
                        new String[] {"serve"},
                        Map.of("PORT", "0", "SOCRA_DATA_DIR", dir.toString()),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        System.err)),
            "socra-serve");
    try {
      serving.start();
      int port = awaitPort(logs, serving);
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"UP\"");

      serving.interrupt();
      serving.join(Duration.ofSeconds(60));
      assertThat(serving.isAlive()).as("the server stops when its thread is interrupted").isFalse();
      assertThat(exit.get()).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).as("stdout stays empty").isEmpty();
      assertThatThrownBy(
              () ->
                  http.send(
                      HttpRequest.newBuilder(
                              URI.create("http://localhost:" + port + "/actuator/health"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(ConnectException.class);
    } finally {
      serving.interrupt();
      serving.join(Duration.ofSeconds(60));
      System.setErr(realErr);
    }
  }

  @Test
  void aBadSettingIsOneLineAndExitCode2WithOrWithoutTheWordServe() {
    for (String[] args : new String[][] {{}, {"serve"}}) {
      Cli.Result r = Cli.run(Map.of("PORT", "eighty", "SOCRA_DATA_DIR", dir.toString()), args);
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.err().strip())
          .isEqualTo(
              "socra: configuration error: PORT must be a whole number from 0 to 65535,"
                  + " was 'eighty'");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void aBadRouteFoundWhileStartingIsOneLineAndExitCode2() {
    Cli.Result r =
        Cli.run(
            Map.of("PORT", "0", "SOCRA_DATA_DIR", dir.toString(), "SOCRA_ROUTE", "nosuch"),
            "serve");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(socraLines(r))
        .containsExactly(
            "socra: configuration error: SOCRA_ROUTE: unknown provider 'nosuch' (known providers:"
                + " anthropic, google, groq, openai, stub)");
    assertThat(r.err()).doesNotContain("\tat ");
  }

  @Test
  void aPortInUseIsOneLineNamingPort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      Cli.Result r =
          Cli.run(
              Map.of(
                  "PORT", String.valueOf(taken.getLocalPort()), "SOCRA_DATA_DIR", dir.toString()),
              "serve");
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(socraLines(r))
          .containsExactly(
              "socra: port "
                  + taken.getLocalPort()
                  + " is already in use: stop what listens there, or set PORT to a free port"
                  + " (PORT=0 picks one)");
      assertThat(r.err()).doesNotContain("\tat ");
    }
  }

  @Test
  @Tag("security")
  void aBadDataDirectoryIsOneLineAndExitCode2ForTheServerAndTheAccountCommands() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    Path shared = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(shared.resolve("notes.txt"), "someone else's");
    Map<Path, String> cases = new LinkedHashMap<>();
    cases.put(file, "SOCRA_DATA_DIR " + file + " is not a directory");
    cases.put(
        file.resolve("data"), "SOCRA_DATA_DIR " + file.resolve("data") + " cannot be created");
    cases.put(Path.of("/proc/self"), "SOCRA_DATA_DIR /proc/self is not writable by this user");
    cases.put(
        shared,
        "SOCRA_DATA_DIR "
            + shared
            + " can be read by other users (rwxr-xr-x) and holds files that are not Socra's"
            + " (notes.txt)");
    cases.forEach(
        (path, problem) -> {
          Map<String, String> env = Map.of("PORT", "0", "SOCRA_DATA_DIR", path.toString());
          for (String[] args : new String[][] {{"serve"}, {"token", "create", "ada"}}) {
            Cli.Result r = Cli.run(env, args);
            assertThat(r.exitCode()).as(path + " " + args[0]).isEqualTo(2);
            assertThat(socraLines(r))
                .as(path + " " + args[0])
                .singleElement()
                .satisfies(l -> assertThat(l).startsWith("socra: configuration error: " + problem));
            assertThat(r.err()).doesNotContain("\tat ").doesNotContain("h2").doesNotContain("H2");
            assertThat(r.out()).isEmpty();
          }
        });
    assertThat(Files.getPosixFilePermissions(shared))
        .as("a directory that is not only Socra's is left as it was")
        .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void aRedisThatCannotBeReachedIsOneLineNamingItsHostAndPortButNoPassword() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Cli.Result r =
        Cli.run(
            Map.of(
                "PORT",
                "0",
                "SOCRA_DATA_DIR",
                dir.toString(),
                "SOCRA_REDIS_URL",
                "redis://:hunter2-secret@127.0.0.1:" + closed),
            "serve");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(socraLines(r)).hasSize(1);
    assertThat(socraLines(r).getFirst())
        .startsWith("socra: cannot reach Redis at 127.0.0.1:" + closed + " (SOCRA_REDIS_URL): ");
    assertThat(r.err() + r.out()).doesNotContain("hunter2-secret").doesNotContain("\tat ");
  }

  @Test
  void helpStillPrintsUsage() {
    Cli.Result r = Cli.run(Map.of(), "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .startsWith("Usage: socra")
        .contains("serve")
        .contains("user")
        .contains("token")
        .contains("With no command, runs the server");
  }

  /** The lines the command itself printed (logs at debug go to the same captured stderr). */
  private static java.util.List<String> socraLines(Cli.Result r) {
    return r.err().lines().filter(l -> l.startsWith("socra: ")).toList();
  }

  private static int awaitPort(ByteArrayOutputStream logs, Thread serving)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m;
      synchronized (logs) {
        m = RUNNING.matcher(logs.toString(StandardCharsets.UTF_8));
      }
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      if (!serving.isAlive()) {
        throw new AssertionError("socra serve ended before it listened:\n" + logs);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("socra serve did not say where it listens:\n" + logs);
  }

  /** Copies what is written to a buffer, and on to the real stderr for whoever reads the run. */
  private static final class Tee extends OutputStream {
    private final ByteArrayOutputStream copy;
    private final OutputStream through;

    Tee(ByteArrayOutputStream copy, OutputStream through) {
      this.copy = copy;
      this.through = through;
    }

    @Override
    public void write(int b) throws IOException {
      synchronized (copy) {
        copy.write(b);
      }
      through.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      synchronized (copy) {
        copy.write(b, off, len);
      }
      through.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      through.flush();
    }
  }
}
