package dev.socra.server.account;

import dev.socra.server.testing.TestServer;
import java.util.Map;

/** The same rules on PostgreSQL: the same constraints, the same answers. */
class AccountRulesPostgresTest extends AccountRulesTest {
  @Override
  TestServer startServer() {
    return TestServer.postgres(Map.of("SOCRA_USER_RPM", "100000"));
  }
}
