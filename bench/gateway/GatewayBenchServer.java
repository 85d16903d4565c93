import dev.socra.server.SocraServer;
import dev.socra.server.account.ApiTokens;
import dev.socra.server.account.SocraUser;
import dev.socra.server.account.Users;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;

/**
 * The Socra server for the gateway benchmark: started from the process environment (run.sh sets
 * PORT, SOCRA_DATA_DIR, SOCRA_CONFIG and the provider key), with one user whose fresh API token
 * is written to the file named by the first argument (never printed). Runs until killed.
 *
 * <p>{@code GATEWAY_BENCH_DROP_BEANS=ledgerWriter,...} removes those beans before start-up: only
 * for experiments that attribute cost to a part of the server, never for the reported figures.
 *
 * <p>Launched as a single source file on the server module's runtime classpath: {@code java -cp
 * CP bench/gateway/GatewayBenchServer.java TOKEN_FILE}.
 */
public final class GatewayBenchServer {
  public static void main(String[] args) throws Exception {
    Path tokenFile = Path.of(args[0]);
    Map<String, String> env = new HashMap<>(System.getenv());
    String drop = env.getOrDefault("GATEWAY_BENCH_DROP_BEANS", "");
    Object[] extra = drop.isBlank() ? new Object[0] : new Object[] {new Drop(List.of(drop.split(",")))};
    try (SocraServer server = SocraServer.start(env, extra)) {
      SocraUser user = server.bean(Users.class).createWithoutPassword("bench");
      String token = server.bean(ApiTokens.class).create(user.id(), "gateway benchmark");
      Path tmp = tokenFile.resolveSibling(tokenFile.getFileName() + ".tmp");
      Files.writeString(tmp, token);
      Files.move(tmp, tokenFile); // appears whole, so the script never reads half a token
      server.awaitStop();
    }
  }

  /** Removes named bean definitions before any bean is made. */
  record Drop(List<String> names) implements BeanDefinitionRegistryPostProcessor {
    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
      for (String name : names) {
        registry.removeBeanDefinition(name.strip());
        System.err.println("gateway-bench: experiment without bean " + name.strip());
      }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory factory) {}
  }
}
