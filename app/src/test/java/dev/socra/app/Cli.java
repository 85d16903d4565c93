package dev.socra.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs {@code socra} in-process as a user would from a shell, capturing stdout, stderr and every
 * log line (which go to the process's stderr).
 */
final class Cli {
  record Result(int exitCode, String out, String err) {
    String all() {
      return out + err;
    }
  }

  static {
    // Servers started in these tests leave the log as configured here, on the captured stderr.
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    Logging.configure(Map.of(Logging.LEVEL_VARIABLE, "debug"));
  }

  static Result run(Map<String, String> env, String... args) {
    return runWithInput(env, "", args);
  }

  static Result runWithInput(Map<String, String> env, String input, String... args) {
    return run(env, input, false, args);
  }

  /** As a person at a terminal would: commands may ask before they spend money. */
  static Result runAtTerminal(Map<String, String> env, String input, String... args) {
    return run(env, input, true, args);
  }

  private static synchronized Result run(
      Map<String, String> env, String input, boolean terminal, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream realErr = System.err;
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    System.setErr(errStream);
    try {
      int code =
          Main.run(
              args,
              env,
              new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              errStream,
              terminal);
      return new Result(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(realErr);
    }
  }
}
