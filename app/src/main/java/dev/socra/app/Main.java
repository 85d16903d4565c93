package dev.socra.app;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The {@code socra} executable. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Logging.configure(System.getenv());
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, System.getenv(), System.in, out, err, Terminal.interactive()));
  }

  /** Runs one command line against the given environment; returns the exit code. */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    return run(args, env, System.in, out, err);
  }

  public static int run(
      String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    return run(args, env, in, out, err, false);
  }

  /**
   * @param terminal {@code in} and {@code out} are a person at a terminal: a command may ask before
   *     it spends money, and writes with colour and a progress line
   */
  public static int run(
      String[] args,
      Map<String, String> env,
      InputStream in,
      PrintStream out,
      PrintStream err,
      boolean terminal) {
    return SocraCommand.commandLine(env, in, out, err, terminal).execute(args);
  }
}
