package dev.socra.app;

import dev.socra.llm.config.ConfigException;
import dev.socra.server.SocraServer;
import dev.socra.server.cluster.ClusterRefusedException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.web.server.PortInUseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code socra serve} (and {@code socra} alone): the web UI, the REST API and the gateway. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the Socra server (web UI, REST + SSE API, OpenAI-compatible gateway) until stopped.",
      "Reads PORT (default 8080), SOCRA_DATA_DIR (default ./data), SOCRA_DB_URL, SOCRA_SIGNUP,"
          + " SOCRA_USER_RPM, SOCRA_USER_DAILY_USD, SOCRA_OIDC_ISSUER and every provider"
          + " variable; see docs/configuration.md."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:stopped",
      "1:the server could not start (the cause is printed)",
      "2:a bad setting, or PORT already in use"
    })
final class ServeCommand implements Callable<Integer>, SocraCommand.EnvironmentAware {
  private final Map<String, String> env;

  @Spec CommandSpec spec;

  ServeCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    // Spring Boot takes over the log from here, with the same levels; this command reports a
    // failed start itself, in one line where a person can act on it.
    Logging.configureForServer(env);
    SocraServer server;
    try {
      server = SocraServer.start(env);
    } catch (RuntimeException e) {
      Failure failure = explain(e);
      if (failure == null) {
        throw e;
      }
      err.println("socra: " + failure.message());
      err.flush();
      return failure.exitCode();
    }
    try {
      server.awaitStop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      server.close();
    }
    return 0;
  }

  record Failure(String message, int exitCode) {}

  /** The one line for a start failure a person can fix; null for anything else. */
  Failure explain(RuntimeException failure) {
    if (failure instanceof IllegalArgumentException) { // ServerSettings, before anything starts
      return new Failure("configuration error: " + failure.getMessage(), SocraCommand.EXIT_USAGE);
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof PortInUseException p) {
        return new Failure(
            "port "
                + p.getPort()
                + " is already in use: stop what listens there, or set PORT to a free port"
                + " (PORT=0 picks one)",
            SocraCommand.EXIT_USAGE);
      }
      if (t instanceof ClusterRefusedException) { // servers sharing one database, see deploy.md
        return new Failure(t.getMessage(), SocraCommand.EXIT_FAILED);
      }
      if (t instanceof ConfigException) {
        return new Failure("configuration error: " + t.getMessage(), SocraCommand.EXIT_USAGE);
      }
      if (t instanceof SQLException s && s.getErrorCode() == 90020) { // H2: file locked
        return new Failure(
            "the database in SOCRA_DATA_DIR is in use by another process: stop the other Socra"
                + " server, or give this one a directory of its own",
            SocraCommand.EXIT_USAGE);
      }
      if (t instanceof SQLException) {
        return new Failure(
            "cannot open the database ("
                + (env.getOrDefault("SOCRA_DB_URL", "").isBlank()
                    ? "embedded, in SOCRA_DATA_DIR"
                    : "SOCRA_DB_URL")
                + "): "
                + t.getMessage(),
            SocraCommand.EXIT_FAILED);
      }
    }
    return null;
  }
}
