package dev.socra.server.billing;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The checkouts founders started ({@code payments}). Their status is bookkeeping for pages and
 * reconciliation; the money itself is only ever in the {@link CreditLedger}.
 */
public final class PaymentStore {
  private static final String COLUMNS =
      "id, user_id AS userId, provider, checkout_id AS checkoutId, credits,"
          + " amount_minor AS amountMinor, currency, status, payment_ref AS paymentRef, failure,"
          + " return_session AS returnSession, created_at AS createdAt, updated_at AS updatedAt";

  private final JdbcClient db;
  private final Clock clock;

  public PaymentStore(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Records a checkout the provider has just created. */
  public Payment insert(
      String userId,
      ProviderName provider,
      String checkoutId,
      int credits,
      Money amount,
      String returnSession) {
    OffsetDateTime now = now();
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    db.sql(
            "INSERT INTO payments (user_id, provider, checkout_id, credits, amount_minor, currency,"
                + " status, return_session, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            userId,
            provider.id(),
            checkoutId,
            credits,
            amount.minor(),
            amount.code(),
            Payment.CREATED,
            returnSession,
            now,
            now)
        .update(key, "id");
    return byCheckout(provider, checkoutId).orElseThrow();
  }

  public Optional<Payment> byCheckout(ProviderName provider, String checkoutId) {
    return db.sql("SELECT " + COLUMNS + " FROM payments WHERE provider = ? AND checkout_id = ?")
        .params(provider.id(), checkoutId)
        .query(Payment.class)
        .optional();
  }

  public Optional<Payment> byRef(ProviderName provider, String paymentRef) {
    return db.sql("SELECT " + COLUMNS + " FROM payments WHERE provider = ? AND payment_ref = ?")
        .params(provider.id(), paymentRef)
        .query(Payment.class)
        .optional();
  }

  public Optional<Payment> byId(long id) {
    return db.sql("SELECT " + COLUMNS + " FROM payments WHERE id = ?")
        .param(id)
        .query(Payment.class)
        .optional();
  }

  public List<Payment> forUser(String userId, int limit) {
    return db.sql(
            "SELECT "
                + COLUMNS
                + " FROM payments WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?")
        .params(userId, limit)
        .query(Payment.class)
        .list();
  }

  /** Checkouts still waiting for money (or whose last try failed) created since {@code since}. */
  public List<Payment> open(OffsetDateTime since) {
    return db.sql(
            "SELECT "
                + COLUMNS
                + " FROM payments WHERE status IN ('created', 'failed') AND created_at >= ?"
                + " ORDER BY created_at")
        .param(since)
        .query(Payment.class)
        .list();
  }

  /** Paid checkouts created since {@code since}: asked after for refunds and disputes. */
  public List<Payment> paidSince(OffsetDateTime since) {
    return db.sql(
            "SELECT "
                + COLUMNS
                + " FROM payments WHERE status = 'paid' AND created_at >= ? ORDER BY created_at")
        .param(since)
        .query(Payment.class)
        .list();
  }

  /** Open checkouts older than {@code before}: the provider no longer takes money for them. */
  public int expireBefore(OffsetDateTime before) {
    return db.sql(
            "UPDATE payments SET status = 'expired', updated_at = ?"
                + " WHERE status IN ('created', 'failed') AND created_at < ?")
        .params(now(), before)
        .update();
  }

  public int startedSince(String userId, OffsetDateTime since) {
    return db.sql("SELECT COUNT(*) FROM payments WHERE user_id = ? AND created_at >= ?")
        .params(userId, since)
        .query(Integer.class)
        .single();
  }

  /** A try that failed (card declined ...): the checkout stays open for another try. */
  public void markFailed(long id, String reason) {
    db.sql(
            "UPDATE payments SET status = 'failed', failure = ?, updated_at = ?"
                + " WHERE id = ? AND status IN ('created', 'failed')")
        .params(clip(reason), now(), id)
        .update();
  }

  public void markExpired(long id) {
    db.sql(
            "UPDATE payments SET status = 'expired', updated_at = ?"
                + " WHERE id = ? AND status IN ('created', 'failed')")
        .params(now(), id)
        .update();
  }

  /** A payment whose amount or currency did not match: never credited, kept for the operator. */
  public void markMismatch(long id, String reason) {
    db.sql("UPDATE payments SET failure = ?, updated_at = ? WHERE id = ?")
        .params(clip(reason), now(), id)
        .update();
  }

  static String clip(String s) {
    if (s == null) {
      return null;
    }
    String clean = s.replaceAll("\\p{Cntrl}", " ").strip();
    return clean.length() <= 300 ? clean : clean.substring(0, 300) + "…";
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
