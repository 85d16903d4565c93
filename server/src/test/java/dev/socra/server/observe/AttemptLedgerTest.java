package dev.socra.server.observe;

import dev.socra.server.testing.TestServer;

/** The ledger on the embedded H2 database. */
class AttemptLedgerTest extends LedgerContract {
  AttemptLedgerTest() {
    super(TestServer::start);
  }

  @Override
  String database() {
    return "H2";
  }
}
