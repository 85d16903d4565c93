package dev.socra.server.sessions;

import dev.socra.server.testing.TestServer;
import java.util.Map;

/** Going back on PostgreSQL: the answers set aside are stored by the same migration (V6). */
class GoingBackPostgresTest extends GoingBackTest {
  @Override
  TestServer startServer() {
    return TestServer.postgres(Map.of());
  }
}
