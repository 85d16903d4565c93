package dev.socra.server.billing;

import dev.socra.server.testing.TestServer;
import java.util.Map;

/** The ledger's guarantees on a real PostgreSQL server: one set of migrations serves both. */
class CreditLedgerPostgresTest extends CreditLedgerTest {
  @Override
  TestServer startServer() {
    return TestServer.postgres(Map.of());
  }
}
