package dev.socra.server.observe;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the ledger says a user spent: for the daily cap ({@link #spentToday}) and the usage page
 * ({@link #perProvider}). Reads {@code llm_attempts}, written by {@link LedgerWriter} in batches:
 * each read first has the writer write what it has queued, so a call's rows count as soon as the
 * call ends.
 */
@Component
public class AttemptLedger {

  /**
   * One target's share of a user's use.
   *
   * @param target {@code provider/model}
   * @param attempts attempts that reached it, failed ones included
   * @param costUsd US dollars by the price table
   */
  public record TargetUsage(
      String target, long attempts, long inputTokens, long outputTokens, BigDecimal costUsd) {

    public long tokens() {
      return inputTokens + outputTokens;
    }
  }

  private final JdbcClient db;
  private final LedgerWriter writer; // null only when a benchmark experiment removed it
  private final Clock clock;

  @Autowired
  public AttemptLedger(JdbcClient db, ObjectProvider<LedgerWriter> writer) {
    this(db, writer.getIfAvailable(), Clock.systemUTC());
  }

  AttemptLedger(JdbcClient db, LedgerWriter writer, Clock clock) {
    this.db = db;
    this.writer = writer;
    this.clock = clock;
  }

  private void flush() {
    if (writer != null) {
      writer.flush();
    }
  }

  /**
   * A deleted session's attempts stay in the ledger, with their cost, user and stage, but no longer
   * name the session: what was spent stays spent (the daily cap counts it), what it was spent on is
   * gone. Rows still queued are written first, so none keeps the link.
   */
  public void unlinkSession(String userId, String sessionId) {
    flush();
    db.sql("UPDATE llm_attempts SET session_id = NULL WHERE session_id = ? AND user_id = ?")
        .params(sessionId, userId)
        .update();
  }

  /** US dollars spent by {@code userId} since midnight UTC; zero for none. */
  public BigDecimal spentToday(String userId) {
    OffsetDateTime midnight =
        LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
            .atStartOfDay()
            .atOffset(ZoneOffset.UTC);
    flush();
    return db.sql(
            "SELECT COALESCE(SUM(cost_usd), 0) FROM llm_attempts WHERE user_id = ? AND at >= ?")
        .params(userId, midnight)
        .query(BigDecimal.class)
        .single();
  }

  /** Everything {@code userId} ever used, per target, most expensive first. */
  public List<TargetUsage> perProvider(String userId) {
    return perProvider(userId, OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
  }

  /** What {@code userId} used since {@code since}, per target, most expensive first. */
  public List<TargetUsage> perProvider(String userId, OffsetDateTime since) {
    flush();
    return db.sql(
            """
            SELECT target, COUNT(*) AS attempts, SUM(input_tokens) AS input_tokens,
              SUM(output_tokens) AS output_tokens, SUM(cost_usd) AS cost_usd
            FROM llm_attempts WHERE user_id = ? AND at >= ?
            GROUP BY target ORDER BY SUM(cost_usd) DESC, target
            """)
        .params(userId, since.withOffsetSameInstant(ZoneOffset.UTC))
        .query(
            (rs, n) ->
                new TargetUsage(
                    rs.getString("target"),
                    rs.getLong("attempts"),
                    rs.getLong("input_tokens"),
                    rs.getLong("output_tokens"),
                    rs.getBigDecimal("cost_usd")))
        .list();
  }
}
