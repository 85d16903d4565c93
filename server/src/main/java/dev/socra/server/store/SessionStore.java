package dev.socra.server.store;

import dev.socra.core.idea.IdeaName;
import dev.socra.core.pipeline.Verdict;
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

  /**
   * One line of a user's session list.
   *
   * @param title the founder's name for the session, or the idea's short name
   * @param decision the tribunal's verdict ({@code pursue}, {@code test}, {@code pivot}, {@code
   *     drop}); null until it is given
   */
  public record Summary(
      String id,
      String idea,
      String title,
      String status,
      String decision,
      int turns,
      int stagesDone,
      BigDecimal costUsd,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt) {}

  private record Row(
      String id,
      String idea,
      String title,
      String status,
      String verdict,
      int turns,
      int stagesDone,
      BigDecimal costUsd,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt) {
    Summary summary() {
      return new Summary(
          id,
          idea,
          title == null ? IdeaName.of(idea).title() : title,
          status,
          decision(verdict),
          turns,
          stagesDone,
          costUsd,
          createdAt,
          updatedAt);
    }
  }

  /** The decision of a stored verdict; null when there is none or it cannot be read. */
  private static String decision(String verdict) {
    if (verdict == null) {
      return null;
    }
    try {
      Verdict v = JdbcSessionRepository.parse(verdict, Verdict.class);
      return v == null || v.decision() == null ? null : v.decision().id();
    } catch (IllegalStateException e) {
      return null;
    }
  }

  /**
   * The day the session's document was last added to (its last finished stage), else the day it was
   * made, in UTC: the date in the download's file name, the same whenever it is downloaded.
   */
  public java.time.LocalDate writtenOn(String sessionId) {
    OffsetDateTime at =
        db.sql(
                "SELECT COALESCE((SELECT MAX(r.finished_at) FROM stage_results r"
                    + " WHERE r.session_id = s.id), s.created_at) FROM sessions s WHERE s.id = ?")
            .param(sessionId)
            .query(OffsetDateTime.class)
            .optional()
            .orElse(OffsetDateTime.now(ZoneOffset.UTC));
    return at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
  }

  /** The founder's name for the session; empty when they gave none (the idea's short name). */
  public Optional<String> title(String sessionId) {
    return db.sql("SELECT title FROM sessions WHERE id = ?")
        .param(sessionId)
        .query(String.class)
        .optional();
  }

  /** Names the owner's session; false when {@code ownerId} has no such session. */
  public boolean rename(String sessionId, String ownerId, String title) {
    return db.sql("UPDATE sessions SET title = ? WHERE id = ? AND owner_id = ?")
            .params(title, sessionId, ownerId)
            .update()
        == 1;
  }

  /** The session the owner's new-idea form {@code formKey} made, if it made one. */
  public Optional<String> madeByForm(String ownerId, String formKey) {
    return db.sql("SELECT id FROM sessions WHERE owner_id = ? AND form_key = ?")
        .params(ownerId, formKey)
        .query(String.class)
        .optional();
  }

  /**
   * Marks the session as made by the owner's form {@code formKey}; false when another session
   * already was (the same form sent twice at once: the database's unique index decides).
   */
  public boolean claimForm(String sessionId, String ownerId, String formKey) {
    try {
      return db.sql("UPDATE sessions SET form_key = ? WHERE id = ? AND owner_id = ?")
              .params(formKey, sessionId, ownerId)
              .update()
          == 1;
    } catch (org.springframework.dao.DataIntegrityViolationException e) {
      return false;
    }
  }

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
    return db
        .sql(
            "SELECT s.id, s.idea, s.title, s.status,"
                + " (SELECT r.result FROM stage_results r WHERE r.session_id = s.id"
                + " AND r.stage = 'tribunal') AS verdict,"
                + " (SELECT COUNT(*) FROM turns t WHERE t.session_id = s.id) AS turns,"
                + " (SELECT COUNT(*) FROM stage_results r WHERE r.session_id = s.id)"
                + " AS stagesDone,"
                + " COALESCE((SELECT SUM(u.cost_usd) FROM stage_usage u"
                + " WHERE u.session_id = s.id), 0) AS costUsd,"
                + " s.created_at AS createdAt, s.updated_at AS updatedAt"
                + " FROM sessions s WHERE s.owner_id = ? ORDER BY s.updated_at DESC")
        .param(ownerId)
        .query(Row.class)
        .list()
        .stream()
        .map(Row::summary)
        .toList();
  }
}
