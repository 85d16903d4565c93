package dev.socra.server.admin;

import dev.socra.server.account.AccountException;
import dev.socra.server.account.SocraUser;
import dev.socra.server.account.Users;
import dev.socra.server.billing.CreditLedger;
import java.util.UUID;

/**
 * Promotional credits an admin grants ({@code socra credits grant}): one ledger row with the reason
 * and a cause of its own, so the grant shows in the user's receipts. The same rule whether the
 * command opens the database itself or asks the running server over its admin socket.
 */
final class CreditGrant {
  static final int MAX_CREDITS = 1_000;

  private CreditGrant() {}

  /**
   * @throws AccountException for an unknown user, a count out of range, or no reason
   */
  static Admin.Granted grant(
      Users users, CreditLedger ledger, String name, int credits, String reason) {
    SocraUser user = users.byName(name).orElseThrow(() -> new AccountException("no user " + name));
    if (credits < 1 || credits > MAX_CREDITS) {
      throw new AccountException("credits must be from 1 to " + MAX_CREDITS + ", was " + credits);
    }
    if (reason == null || reason.isBlank()) {
      throw new AccountException("a reason is required (--reason TEXT)");
    }
    ledger.grant(
        user.id(),
        credits,
        "grant:admin:" + UUID.randomUUID(),
        "granted by the admin: " + reason.strip());
    return new Admin.Granted(user, ledger.balance(user.id()));
  }
}
