package dev.socra.server.account;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a user's LLM calls cost today (UTC), from the attempt ledger ({@code llm_attempts}): every
 * attempt that reached a provider, tagged with the user it was made for.
 */
@Component
public class LlmSpend {
  private final JdbcClient db;
  private final Clock clock;

  @Autowired
  public LlmSpend(JdbcClient db) {
    this(db, Clock.systemUTC());
  }

  LlmSpend(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** US dollars spent by the user since 00:00 UTC today. */
  public BigDecimal today(String userId) {
    return db.sql(
            "SELECT COALESCE(SUM(cost_usd), 0) FROM llm_attempts WHERE user_id = ? AND at >= ?")
        .param(userId)
        .param(startOfToday())
        .query(BigDecimal.class)
        .single();
  }

  /** 00:00 UTC of today, when the day's spend starts from zero. */
  public OffsetDateTime startOfToday() {
    return LocalDate.now(clock).atStartOfDay().atOffset(ZoneOffset.UTC);
  }

  /** Seconds until the next 00:00 UTC. */
  public long secondsUntilTomorrow() {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return Math.max(1, java.time.Duration.between(now, startOfToday().plusDays(1)).toSeconds());
  }
}
