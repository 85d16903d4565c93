package dev.socra.server.sessions;

import dev.socra.server.testing.TestServer;
import java.util.Map;

/** Deleting a session on PostgreSQL: the same cascade, the same answers. */
class SessionDeletePostgresTest extends SessionDeleteTest {
  @Override
  TestServer startServer() {
    return TestServer.postgres(Map.of("SOCRA_USER_RPM", "100000"));
  }
}
