package dev.socra.server.observe;

import dev.socra.llm.Attempt;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.event.RouterListener;
import java.time.ZoneOffset;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes one {@code llm_attempts} row per attempt that reached a provider, with the user, session
 * and stage from the call's tags: the money ledger that daily caps and the usage page read.
 *
 * <p>Synchronous, on the call's own thread, as the attempt ends: one small insert (well under a
 * millisecond on H2, about a millisecond on a local PostgreSQL; see docs/observability.md) beside
 * an attempt that took a provider hundreds of milliseconds at least. Nothing is queued, so nothing
 * is lost on shutdown, and a cap checked right after a call already sees its cost.
 *
 * <p>Skipped targets (attempt number 0) are not written: nothing was sent and nothing is billed;
 * they are counted in {@code socra_llm_attempts_total{outcome="skipped"}} and logged. A failed
 * insert is logged and the call goes on: the ledger must never fail a founder's call.
 */
@Component
public class LedgerWriter implements RouterListener {
  private static final Logger log = LoggerFactory.getLogger(LedgerWriter.class);

  private final JdbcClient db;

  public LedgerWriter(JdbcClient db) {
    this.db = db;
  }

  @Override
  public void onEvent(RouterEvent event) {
    if (event instanceof RouterEvent.AttemptFinished a && a.attempt().number() > 0) {
      try {
        insert(a);
      } catch (RuntimeException e) {
        log.warn(
            "attempt {} of call {} was not written to the ledger: {}",
            a.attempt().number(),
            a.callId(),
            e.getClass().getSimpleName());
      }
    }
  }

  private void insert(RouterEvent.AttemptFinished e) {
    Attempt a = e.attempt();
    Map<String, String> tags = e.tags();
    db.sql(
            """
            INSERT INTO llm_attempts (at, user_id, session_id, stage, route, call_id, attempt,
              target, model, outcome, http_status, input_tokens, output_tokens, estimated,
              cost_usd, latency_ms, ttft_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            a.startedAt().atOffset(ZoneOffset.UTC),
            fit(tags.get(ChatRequest.TAG_USER), 36),
            fit(tags.get(ChatRequest.TAG_SESSION), 36),
            fit(tags.get(ChatRequest.TAG_STAGE), 40),
            fit(e.route(), 100),
            e.callId(),
            a.number(),
            fit(a.target().toString(), 200),
            fit(a.target().model(), 200),
            a.outcome().kind(),
            a.httpStatus(),
            a.usage().inputTokens(),
            a.usage().outputTokens(),
            a.usage().estimated(),
            a.cost(),
            a.latency().toMillis(),
            a.timeToFirstToken() == null ? null : a.timeToFirstToken().toMillis())
        .update();
  }

  /** A tag is any caller's text: cut to the column rather than lose the row. */
  private static String fit(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
