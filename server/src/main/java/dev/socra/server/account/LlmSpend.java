package dev.socra.server.account;

import dev.socra.server.cluster.SharedSpend;
import dev.socra.server.observe.AttemptLedger;
import dev.socra.server.observe.LedgerWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What a user's LLM calls cost today (UTC), from the attempt ledger ({@code llm_attempts}): every
 * attempt that reached a provider, tagged with the user it was made for.
 *
 * <p>Asked before every call, so it reads the ledger writer's running total per user and day (a map
 * lookup; see {@link LedgerWriter#spentToday}), not a sum over the day's rows, which grew with
 * every call. Several servers share one database only with Redis ({@code SOCRA_REDIS_URL}), and
 * then read the total they keep there together ({@link SharedSpend}), so no server misses another's
 * spend.
 */
@Component
public class LlmSpend {
  private final AttemptLedger rows;
  private final LedgerWriter ledger; // null only when a benchmark experiment removed it
  private final Clock clock;

  /** The day's spend of every server (Redis); null for one server alone. */
  private final SharedSpend shared;

  @Autowired
  public LlmSpend(
      AttemptLedger rows, ObjectProvider<LedgerWriter> ledger, ObjectProvider<SharedSpend> shared) {
    this(
        rows,
        ledger.getIfAvailable(),
        Clock.systemUTC(),
        shared.getIfAvailable() != null && shared.getIfAvailable().enabled()
            ? shared.getIfAvailable()
            : null);
  }

  LlmSpend(AttemptLedger rows, LedgerWriter ledger, Clock clock) {
    this(rows, ledger, clock, null);
  }

  LlmSpend(AttemptLedger rows, LedgerWriter ledger, Clock clock, SharedSpend shared) {
    this.rows = rows;
    this.ledger = ledger;
    this.clock = clock;
    this.shared = shared;
  }

  /**
   * US dollars spent by the user since 00:00 UTC today. With several servers, the total they keep
   * together in Redis (every server's calls, settled as they end; seeded from the ledger).
   */
  public BigDecimal today(String userId) {
    if (shared != null) {
      try {
        return shared.spentToday(userId, () -> ledgerToday(userId));
      } catch (dev.socra.server.cluster.SharedStateUnavailableException e) {
        return ledgerToday(userId); // the record, a little late: the filter still has a number
      }
    }
    return ledgerToday(userId);
  }

  /** What this server's ledger says the user spent today (its rows, and the database's). */
  public BigDecimal ledgerToday(String userId) {
    if (ledger != null) {
      return ledger.spentToday(userId);
    }
    // Without the writer's running total (a benchmark experiment), the day's ledger rows.
    return rows.spentToday(userId);
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
