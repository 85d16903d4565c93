package dev.socra.server.account;

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
 * every call. Known limit: servers sharing one database each add only their own calls to the total
 * between re-reads of the database, once a minute per user, so together they can pass a cap by up
 * to a minute of the other servers' spend.
 */
@Component
public class LlmSpend {
  private final AttemptLedger rows;
  private final LedgerWriter ledger; // null only when a benchmark experiment removed it
  private final Clock clock;

  @Autowired
  public LlmSpend(AttemptLedger rows, ObjectProvider<LedgerWriter> ledger) {
    this(rows, ledger.getIfAvailable(), Clock.systemUTC());
  }

  LlmSpend(AttemptLedger rows, LedgerWriter ledger, Clock clock) {
    this.rows = rows;
    this.ledger = ledger;
    this.clock = clock;
  }

  /** US dollars spent by the user since 00:00 UTC today. */
  public BigDecimal today(String userId) {
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
