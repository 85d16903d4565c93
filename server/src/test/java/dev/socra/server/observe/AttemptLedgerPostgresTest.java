package dev.socra.server.observe;

import dev.socra.server.testing.TestServer;

/** The ledger on PostgreSQL: the same queries on the other database the schema supports. */
class AttemptLedgerPostgresTest extends LedgerContract {
  AttemptLedgerPostgresTest() {
    super(TestServer::postgres);
  }

  @Override
  String database() {
    return "PostgreSQL";
  }
}
