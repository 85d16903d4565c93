package dev.socra.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socra.server.testing.Postgres;
import dev.socra.server.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Servers see each other in the database: one keeping its state in memory does not start twice. */
class ServerRegistryTest {

  @Test
  void aSecondServerWithoutRedisRefusesToStartWithOneLineSayingWhyAndAfterTheFirstDiesItStarts()
      throws Exception {
    Path dir = Files.createTempDirectory("socra-registry");
    Postgres pg = Postgres.get();
    Map<String, String> env = new HashMap<>();
    env.put("SOCRA_DB_URL", pg.jdbcUrl(pg.createDatabase()));
    env.put("SOCRA_DB_USER", pg.user());
    env.put("SOCRA_DB_PASSWORD", pg.password());
    try (ServerProcess first = ServerProcess.start(dir, env, null)) {
      assertThatThrownBy(() -> ServerProcess.start(dir, env, null))
          .hasMessageContaining("another Socra server (")
          .hasMessageContaining("uses this database; several servers need SOCRA_REDIS_URL");

      // A crash (SIGKILL) leaves its row behind; a restart on the same host is not blocked by it.
      first.kill();
      try (ServerProcess restarted = ServerProcess.start(dir, env, null)) {
        assertThat(restarted.baseUrl()).startsWith("http://localhost:");
      }
    }
  }
}
