package dev.socra.app;

import dev.socra.server.admin.Admin;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code socra token}: personal API tokens, issued on the server's database. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Issue API tokens on the server's database (the server need not run).",
    subcommands = TokenCommand.Create.class)
final class TokenCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Print a new API token for user NAME on standard output, and nothing else there"
            + " (TOKEN=$(socra token create alice)). A missing user is created without a"
            + " password: it signs in with tokens only.",
        "The token is shown this once; only its hash is stored. Send it as"
            + " 'Authorization: Bearer <token>'."
      },
      exitCodeListHeading = "Exit codes:%n",
      exitCodeList = {
        "0:the token was printed",
        "1:the database could not be used",
        "2:a bad name or label, or a bad setting"
      })
  static final class Create implements Callable<Integer>, SocraCommand.EnvironmentAware {
    private final Map<String, String> env;

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "User name (letters, digits, . _ @ + -).")
    String name;

    @Option(
        names = "--label",
        paramLabel = "TEXT",
        defaultValue = "cli",
        description = "What the token is for, shown in token lists (default ${DEFAULT-VALUE}).")
    String label;

    Create(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      return UserCommand.AdminAccess.run(
          env,
          err,
          admin -> {
            Admin.IssuedToken issued = admin.createToken(name, label);
            if (issued.userCreated()) {
              err.println(
                  "socra: created user "
                      + issued.user().name()
                      + " without a password"
                      + (issued.user().admin() ? " (admin: the first user of this server)" : ""));
            }
            out.println(issued.token());
            out.flush();
            return 0;
          });
    }
  }
}
