package dev.socra.server.billing;

import java.util.Map;

/** Paying through Stripe with the ledger on PostgreSQL. */
class StripePaymentsPostgresTest extends StripePaymentsTest {
  @Override
  Paying start() {
    return Paying.stripe(Map.of(), true);
  }
}
