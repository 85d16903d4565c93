package dev.socra.app;

import dev.socra.core.idea.InvalidInputException;
import dev.socra.llm.config.ConfigException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the command line: {@code socra <command>}. */
@Command(
    name = "socra",
    mixinStandardHelpOptions = true,
    version = "socra 0.1.0",
    description = {
      "Interrogates startup ideas with specialist LLM personas, over a fail-over LLM router.",
      "With no command, runs the server as 'socra serve' does."
    },
    subcommands = {
      ServeCommand.class,
      UserCommand.class,
      TokenCommand.class,
      CreditsCommand.class,
      RoutesCommand.class,
      LlmCommand.class,
      PlanCommand.class,
      CheckCommand.class,
      AskCommand.class,
      EvalCommand.class,
      FakeProviderCommand.class
    })
public final class SocraCommand implements Callable<Integer> {
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;

  private final Map<String, String> env;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  SocraCommand(Map<String, String> env) {
    this.env = env;
  }

  /** {@code socra} alone runs the server, as {@code socra serve} does. */
  @Override
  public Integer call() throws Exception {
    ServeCommand serve = new ServeCommand(env);
    serve.spec = spec;
    return serve.call();
  }

  /**
   * @param terminal whether {@code out} is a person's terminal (colour and live progress for {@code
   *     socra ask}) rather than a pipe or a file
   */
  static CommandLine commandLine(
      Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    return commandLine(env, in, out, err, false);
  }

  /**
   * @param terminal standard input is a person at a terminal, who can be asked a question
   */
  static CommandLine commandLine(
      Map<String, String> env, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
    CommandLine cl = new CommandLine(new SocraCommand(env), new Factory(env, in, terminal));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof ConfigException) {
            commandLine.getErr().println("socra: configuration error: " + e.getMessage());
            return EXIT_USAGE;
          }
          if (e instanceof InvalidInputException) {
            commandLine.getErr().println("socra: " + e.getMessage());
            return EXIT_USAGE;
          }
          throw e;
        });
    return cl;
  }

  /** Hands every command the environment it runs in, so tests can give their own. */
  private record Factory(Map<String, String> env, InputStream in, boolean terminal)
      implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (AtTerminal.class.isAssignableFrom(cls)) {
        return cls.getDeclaredConstructor(Map.class, InputStream.class, boolean.class)
            .newInstance(env, in, terminal);
      }
      if (Interactive.class.isAssignableFrom(cls)) {
        return cls.getDeclaredConstructor(Map.class, InputStream.class).newInstance(env, in);
      }
      if (EnvironmentAware.class.isAssignableFrom(cls)) {
        return cls.getDeclaredConstructor(Map.class).newInstance(env);
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }

  /** A command built with the environment it reads its configuration from. */
  interface EnvironmentAware {}

  /** A command that also reads what the user types. */
  interface Interactive {}

  /**
   * A command that behaves differently with a person at a terminal: it may ask a question only
   * there, and writes with colour and a progress line there but plain text into a pipe.
   */
  interface AtTerminal {}
}
