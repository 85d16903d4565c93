package dev.socra.server.sessions;

import dev.socra.server.testing.TestServer;
import java.util.Map;

/** The same API contract on a real PostgreSQL server: one set of migrations serves both. */
class SessionsApiPostgresTest extends SessionsApiTest {
  @Override
  TestServer startServer() {
    return TestServer.postgres(Map.of());
  }
}
