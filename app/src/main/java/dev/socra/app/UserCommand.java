package dev.socra.app;

import dev.socra.server.account.SocraUser;
import dev.socra.server.account.Users;
import dev.socra.server.admin.Admin;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code socra user}: accounts of the server, managed on its database. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "Manage the server's users, on its database (the server need not run).",
    subcommands = UserCommand.Add.class)
final class UserCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Add a user with a password, read from the first line of standard input (asked for,"
            + " without echo, on a terminal). The first user of a server is its admin.",
        "Uses the server's database settings (SOCRA_DATA_DIR, SOCRA_DB_URL ...) and migrates it"
            + " first; while a server runs on the embedded database, asks it over its admin"
            + " socket (SOCRA_DATA_DIR/admin.sock)."
      },
      exitCodeListHeading = "Exit codes:%n",
      exitCodeList = {
        "0:the user was added",
        "1:the database could not be used",
        "2:a bad name or password (at least 10 characters), a name taken, or a bad setting"
      })
  static final class Add implements Callable<Integer>, SocraCommand.Interactive {
    private final Map<String, String> env;
    private final InputStream in;

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "User name (letters, digits, . _ @ + -).")
    String name;

    Add(Map<String, String> env, InputStream in) {
      this.env = env;
      this.in = in;
    }

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      String password = readPassword();
      if (password == null || password.length() < Users.MIN_PASSWORD) {
        err.println(
            "socra: a password needs at least "
                + Users.MIN_PASSWORD
                + " characters (given on the first line of standard input)");
        return SocraCommand.EXIT_USAGE;
      }
      return AdminAccess.run(
          env,
          err,
          admin -> {
            SocraUser user = admin.addUser(name, password);
            out.println(
                "added user "
                    + user.name()
                    + (user.admin() ? " (admin: the first user of this server)" : ""));
            out.flush();
            return 0;
          });
    }

    /** The first line of standard input, or the console's hidden prompt when a person types. */
    private String readPassword() throws IOException {
      Console console = System.console();
      if (in == System.in && console != null) {
        char[] typed =
            console.readPassword(
                "Password for %s (at least %d characters): ", name, Users.MIN_PASSWORD);
        return typed == null ? null : new String(typed);
      }
      String line =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      return line == null ? null : stripLineEnd(line);
    }

    private static String stripLineEnd(String line) {
      return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
  }

  /** Opens the admin view of the database, runs one action, and turns failures into exit codes. */
  static final class AdminAccess {
    interface Action {
      int apply(Admin admin);
    }

    private AdminAccess() {}

    static int run(Map<String, String> env, PrintWriter err, Action action) {
      try (Admin admin = Admin.open(env)) {
        return action.apply(admin);
      } catch (dev.socra.server.account.AccountException e) {
        err.println("socra: " + e.getMessage());
        return SocraCommand.EXIT_USAGE;
      } catch (IllegalArgumentException e) { // a bad setting, named by ServerSettings
        err.println("socra: configuration error: " + e.getMessage());
        return SocraCommand.EXIT_USAGE;
      } catch (IllegalStateException e) { // the running server, or the database, said why
        err.println("socra: " + e.getMessage());
        return SocraCommand.EXIT_FAILED;
      } catch (RuntimeException e) {
        err.println(
            "socra: cannot use the database ("
                + (env.getOrDefault("SOCRA_DB_URL", "").isBlank()
                    ? "embedded, in SOCRA_DATA_DIR"
                    : "SOCRA_DB_URL")
                + "): "
                + rootMessage(e));
        return SocraCommand.EXIT_FAILED;
      } finally {
        err.flush();
      }
    }

    /** The database driver's own words when there are some ("Connection to … refused"). */
    private static String rootMessage(Throwable e) {
      Throwable t = e;
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof java.sql.SQLException) {
          return c.getMessage();
        }
        t = c;
      }
      return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
  }
}
