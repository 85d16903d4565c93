package dev.socra.server.store;

import dev.socra.server.KeyScrubber;
import dev.socra.server.lease.Leases;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What the server asks of sessions beyond the domain's repository: owners, lists, status. */
@Component
public class SessionStore {
  private final JdbcClient db;
  private final Leases leases;
  private final KeyScrubber scrubber;

  public SessionStore(JdbcClient db, Leases leases, KeyScrubber scrubber) {
    this.db = db;
    this.leases = leases;
    this.scrubber = scrubber;
  }

  /** One line of a user's session list. */
  public record Summary(
      String id,
      String idea,
      String status,
      int turns,
      int stagesDone,
      BigDecimal costUsd,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt) {}

  /** The owner of a session, if it exists. */
  public Optional<String> owner(String sessionId) {
    return db.sql("SELECT owner_id FROM sessions WHERE id = ?")
        .param(sessionId)
        .query(String.class)
        .optional();
  }

  public Optional<SessionStatus> status(String sessionId) {
    return db.sql("SELECT status FROM sessions WHERE id = ?")
        .param(sessionId)
        .query(String.class)
        .optional()
        .map(SessionStatus::of);
  }

  /** Sets the status; from leased work (the pipeline's end), only while the lease is held. */
  public void setStatus(String sessionId, SessionStatus status, String detail) {
    leases.fenced(
        sessionId,
        () ->
            db.sql("UPDATE sessions SET status = ?, status_detail = ?, updated_at = ? WHERE id = ?")
                .params(
                    status.id(),
                    scrubber.text(detail),
                    OffsetDateTime.now(ZoneOffset.UTC),
                    sessionId)
                .update());
  }

  public Optional<String> statusDetail(String sessionId) {
    return db.sql("SELECT status_detail FROM sessions WHERE id = ?")
        .param(sessionId)
        .query(String.class)
        .optional();
  }

  /**
   * Deletes the session and, with it, everything stored about it: turns, scores, assumptions, stage
   * results and stage usage (their rows cascade). False when {@code ownerId} has no such session.
   */
  public boolean delete(String sessionId, String ownerId) {
    return db.sql("DELETE FROM sessions WHERE id = ? AND owner_id = ?")
            .params(sessionId, ownerId)
            .update()
        == 1;
  }

  /** Sessions whose pipeline was running when the server last stopped: to resume at start. */
  public List<String> withStatus(SessionStatus status) {
    return db.sql("SELECT id FROM sessions WHERE status = ? ORDER BY updated_at")
        .param(status.id())
        .query(String.class)
        .list();
  }

  public List<Summary> list(String ownerId) {
    return db.sql(
            "SELECT s.id, s.idea, s.status,"
                + " (SELECT COUNT(*) FROM turns t WHERE t.session_id = s.id) AS turns,"
                + " (SELECT COUNT(*) FROM stage_results r WHERE r.session_id = s.id)"
                + " AS stagesDone,"
                + " COALESCE((SELECT SUM(u.cost_usd) FROM stage_usage u"
                + " WHERE u.session_id = s.id), 0) AS costUsd,"
                + " s.created_at AS createdAt, s.updated_at AS updatedAt"
                + " FROM sessions s WHERE s.owner_id = ? ORDER BY s.updated_at DESC")
        .param(ownerId)
        .query(Summary.class)
        .list();
  }
}
