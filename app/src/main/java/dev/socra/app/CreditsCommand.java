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

/** {@code socra credits}: masterplan credits, granted on the server's database. */
@Command(
    name = "credits",
    mixinStandardHelpOptions = true,
    description = "Grant masterplan credits on the server's database (the server need not run).",
    subcommands = CreditsCommand.Grant.class)
final class CreditsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "grant",
      mixinStandardHelpOptions = true,
      description = {
        "Give user NAME N credits (a promotion, an apology): one row in the credit ledger with"
            + " the reason, shown in the user's receipts. Prints the new balance.",
        "Uses the server's database settings (SOCRA_DATA_DIR, SOCRA_DB_URL ...); works while the"
            + " server runs."
      },
      exitCodeListHeading = "Exit codes:%n",
      exitCodeList = {
        "0:the credits were granted",
        "1:the database could not be used",
        "2:an unknown user, a bad count or reason, or a bad setting"
      })
  static final class Grant implements Callable<Integer>, SocraCommand.EnvironmentAware {
    private final Map<String, String> env;

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The user's name.")
    String name;

    @Parameters(index = "1", paramLabel = "N", description = "How many credits, 1 to 1000.")
    int credits;

    @Option(
        names = "--reason",
        paramLabel = "TEXT",
        required = true,
        description = "Why: kept in the ledger and shown to the user.")
    String reason;

    Grant(Map<String, String> env) {
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
            Admin.Granted g = admin.grantCredits(name, credits, reason);
            out.println(
                "granted "
                    + credits
                    + (credits == 1 ? " credit" : " credits")
                    + " to "
                    + g.user().name()
                    + "; balance "
                    + g.balance());
            out.flush();
            return 0;
          });
    }
  }
}
