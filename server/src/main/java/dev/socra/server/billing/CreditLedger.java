package dev.socra.server.billing;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The credit ledger: append-only rows, the balance their sum. Every write runs in one transaction
 * that first locks the user's row, so a balance checked there is the balance the new row is added
 * to (two tabs, two servers); and every row has a unique cause, so writing the same fact twice (a
 * webhook and the founder's return, a redelivery) adds nothing the second time.
 */
public final class CreditLedger {
  public static final String GRANT = "grant";
  public static final String PURCHASE = "purchase";
  public static final String SPEND = "spend";
  public static final String REFUND = "refund";
  public static final String REVERSAL = "reversal";

  private static final String COLUMNS =
      "id, kind, credits, cause, session_id AS sessionId, payment_id AS paymentId,"
          + " amount_minor AS amountMinor, currency, note, created_at AS createdAt";

  private final JdbcClient db;
  private final TransactionTemplate tx;
  private final Clock clock;

  public CreditLedger(DataSource dataSource, Clock clock) {
    this.db = JdbcClient.create(dataSource);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.clock = clock;
  }

  /** What a spend came to: the credit taken (now or by an earlier start), or not enough. */
  public sealed interface Spend {
    /** The run {@code run} of the session is paid; {@code now} when this call took the credit. */
    record Paid(int run, boolean now) implements Spend {}

    record Short(long balance) implements Spend {}
  }

  public long balance(String userId) {
    return db.sql("SELECT COALESCE(SUM(credits), 0) FROM credit_entries WHERE user_id = ?")
        .param(userId)
        .query(Long.class)
        .single();
  }

  /** The newest rows first. */
  public List<CreditEntry> entries(String userId, int limit) {
    return db.sql(
            "SELECT " + COLUMNS + " FROM credit_entries WHERE user_id = ? ORDER BY id DESC LIMIT ?")
        .params(userId, limit)
        .query(CreditEntry.class)
        .list();
  }

  /** Credits given (an admin's promotion, the sign-up gift); false if {@code cause} was already. */
  public boolean grant(String userId, int credits, String cause, String note) {
    if (credits == 0 || exists(cause)) {
      return false;
    }
    return write(
        userId,
        () ->
            !exists(cause)
                && insert(
                    userId, GRANT, credits, cause, null, null, null, PaymentStore.clip(note)));
  }

  /**
   * Takes one credit for the next run of a session's pipeline, unless the run is paid already (a
   * second tab, a restart): one spend per run, whatever the number of callers. A run's number is
   * one more than the credits given back for the session so far.
   */
  public Spend spend(String userId, String sessionId, Money value) {
    return write(
        userId,
        () -> {
          int run = count(REFUND, sessionId) + 1;
          if (exists(spendCause(sessionId, run))) {
            return new Spend.Paid(run, false);
          }
          long balance = balance(userId);
          if (balance < 1) {
            return new Spend.Short(balance);
          }
          insert(
              userId,
              SPEND,
              -1,
              spendCause(sessionId, run),
              sessionId,
              null,
              value,
              "masterplan run " + run);
          return new Spend.Paid(run, true);
        });
  }

  /**
   * Gives back the credit of the session's last run (it failed for a reason not the founder's);
   * false when there was none to give back (a free run, or given back already).
   */
  public boolean giveBack(String sessionId, String reason) {
    Optional<String> owner =
        db.sql("SELECT user_id FROM credit_entries WHERE session_id = ? AND kind = ? LIMIT 1")
            .params(sessionId, SPEND)
            .query(String.class)
            .optional();
    if (owner.isEmpty()) {
      return false;
    }
    return write(
        owner.get(),
        () -> {
          int spent = count(SPEND, sessionId);
          int refunded = count(REFUND, sessionId);
          if (refunded >= spent) {
            return false;
          }
          return insert(
              owner.get(),
              REFUND,
              1,
              "refund:" + sessionId + ":" + spent,
              sessionId,
              null,
              null,
              PaymentStore.clip("run " + spent + " failed: " + reason));
        });
  }

  /**
   * Credits a paid checkout once, and marks it paid with the provider's payment id. False when it
   * was credited before, or refunded before its payment was seen (the refund came first).
   */
  public boolean purchase(Payment p, String paymentRef) {
    return write(
        p.userId(),
        () -> {
          String status =
              db.sql("SELECT status FROM payments WHERE id = ?")
                  .param(p.id())
                  .query(String.class)
                  .single();
          if (status.equals(Payment.REFUNDED) || exists(purchaseCause(p))) {
            return false;
          }
          db.sql(
                  "UPDATE payments SET status = 'paid', payment_ref = ?, failure = NULL,"
                      + " updated_at = ? WHERE id = ?")
              .params(paymentRef, now(), p.id())
              .update();
          return insert(
              p.userId(),
              PURCHASE,
              p.credits(),
              purchaseCause(p),
              null,
              p.id(),
              p.amount(),
              p.provider() + " " + paymentRef);
        });
  }

  /**
   * Takes back what a checkout credited: it was refunded or disputed at the provider. The balance
   * may go below zero (the credits were spent): that blocks new runs and deletes nothing.
   */
  public boolean reverse(Payment p, String why) {
    return write(
        p.userId(),
        () -> {
          db.sql("UPDATE payments SET status = 'refunded', updated_at = ? WHERE id = ?")
              .params(now(), p.id())
              .update();
          if (!exists(purchaseCause(p))
              || exists("reversal:" + p.provider() + ":" + p.checkoutId())) {
            return false;
          }
          return insert(
              p.userId(),
              REVERSAL,
              -p.credits(),
              "reversal:" + p.provider() + ":" + p.checkoutId(),
              null,
              p.id(),
              p.amount(),
              PaymentStore.clip(why));
        });
  }

  /** Whether the session's current run holds a credit (spent and not given back). */
  public boolean paid(String sessionId) {
    return count(SPEND, sessionId) > count(REFUND, sessionId);
  }

  static String spendCause(String sessionId, int run) {
    return "spend:" + sessionId + ":" + run;
  }

  static String purchaseCause(Payment p) {
    return "purchase:" + p.provider() + ":" + p.checkoutId();
  }

  private <T> T write(String userId, java.util.function.Supplier<T> work) {
    try {
      return tx.execute(
          status -> {
            // The user's row is the lock: every write for a user is one after another.
            db.sql("SELECT id FROM users WHERE id = ? FOR UPDATE")
                .param(userId)
                .query()
                .listOfRows();
            return work.get();
          });
    } catch (DuplicateKeyException e) {
      // Another server wrote the same cause between our check and our insert: it is written once.
      return tx.execute(status -> work.get());
    }
  }

  private boolean exists(String cause) {
    return db.sql("SELECT COUNT(*) FROM credit_entries WHERE cause = ?")
            .param(cause)
            .query(Integer.class)
            .single()
        > 0;
  }

  private int count(String kind, String sessionId) {
    return db.sql("SELECT COUNT(*) FROM credit_entries WHERE session_id = ? AND kind = ?")
        .params(sessionId, kind)
        .query(Integer.class)
        .single();
  }

  private boolean insert(
      String userId,
      String kind,
      int credits,
      String cause,
      String sessionId,
      Long paymentId,
      Money value,
      String note) {
    db.sql(
            "INSERT INTO credit_entries (user_id, kind, credits, cause, session_id, payment_id,"
                + " amount_minor, currency, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            userId,
            kind,
            credits,
            cause,
            sessionId,
            paymentId,
            value == null ? null : value.minor(),
            value == null ? null : value.code(),
            note,
            now())
        .update();
    return true;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
