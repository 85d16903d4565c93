import dev.socra.server.SocraServer;
import dev.socra.server.account.ApiTokens;
import dev.socra.server.account.SocraUser;
import dev.socra.server.account.Users;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The Socra server for the gateway benchmark: started from the process environment (run.sh sets
 * PORT, SOCRA_DATA_DIR, SOCRA_CONFIG and the provider key), with one user whose fresh API token
 * is written to the file named by the first argument (never printed). Runs until killed.
 *
 * <p>Launched as a single source file on the server module's runtime classpath: {@code java -cp
 * CP bench/gateway/GatewayBenchServer.java TOKEN_FILE}.
 */
public final class GatewayBenchServer {
  public static void main(String[] args) throws Exception {
    Path tokenFile = Path.of(args[0]);
    Map<String, String> env = new HashMap<>(System.getenv());
    try (SocraServer server = SocraServer.start(env)) {
      SocraUser user = server.bean(Users.class).createWithoutPassword("bench");
      String token = server.bean(ApiTokens.class).create(user.id(), "gateway benchmark");
      Path tmp = tokenFile.resolveSibling(tokenFile.getFileName() + ".tmp");
      Files.writeString(tmp, token);
      Files.move(tmp, tokenFile); // appears whole, so the script never reads half a token
      server.awaitStop();
    }
  }
}
