package dev.socra.server.billing;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The operator's margin, from the ledger: for each paid session, what its runs earned (credits
 * spent and not given back, at the price of the day) against what its LLM calls cost (the attempt
 * ledger); and the money taken, net of refunds and disputes, by currency.
 */
public final class MarginReport {
  private final JdbcClient db;

  public MarginReport(JdbcClient db) {
    this.db = db;
  }

  /** One paid session. */
  public record Line(
      String sessionId,
      String idea,
      String founder,
      int runs,
      int givenBack,
      Long priceMinor,
      String currency,
      BigDecimal llmCostUsd) {

    /** Credits kept × the price per credit when spent. */
    public Money revenue() {
      long kept = Math.max(0, runs - givenBack);
      return new Money(priceMinor == null ? 0 : priceMinor * kept, Currency.getInstance(currency));
    }
  }

  /** Money taken in one currency: purchases less reversals. */
  public record Taken(String currency, long purchasedMinor, long reversedMinor) {
    public Money net() {
      return new Money(Math.max(0, purchasedMinor - reversedMinor), Currency.getInstance(currency));
    }

    public Money purchased() {
      return new Money(purchasedMinor, Currency.getInstance(currency));
    }

    public Money reversed() {
      return new Money(reversedMinor, Currency.getInstance(currency));
    }
  }

  public List<Line> sessions(int limit) {
    return db.sql(
            "SELECT e.session_id AS sessionId, MAX(s.idea) AS idea, MAX(u.name) AS founder,"
                + " SUM(CASE WHEN e.kind = 'spend' THEN 1 ELSE 0 END) AS runs,"
                + " SUM(CASE WHEN e.kind = 'refund' THEN 1 ELSE 0 END) AS givenBack,"
                + " MAX(e.amount_minor) AS priceMinor, MAX(e.currency) AS currency,"
                + " COALESCE((SELECT SUM(a.cost_usd) FROM llm_attempts a"
                + " WHERE a.session_id = e.session_id), 0) AS llmCostUsd"
                + " FROM credit_entries e JOIN sessions s ON s.id = e.session_id"
                + " JOIN users u ON u.id = e.user_id"
                + " WHERE e.kind IN ('spend', 'refund')"
                + " GROUP BY e.session_id ORDER BY MAX(e.id) DESC LIMIT ?")
        .param(limit)
        .query(Line.class)
        .list();
  }

  public List<Taken> taken() {
    return db.sql(
            "SELECT currency,"
                + " SUM(CASE WHEN kind = 'purchase' THEN amount_minor ELSE 0 END) AS purchasedMinor,"
                + " SUM(CASE WHEN kind = 'reversal' THEN amount_minor ELSE 0 END) AS reversedMinor"
                + " FROM credit_entries WHERE kind IN ('purchase', 'reversal')"
                + " GROUP BY currency ORDER BY currency")
        .query(Taken.class)
        .list();
  }
}
