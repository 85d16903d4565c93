package dev.socra.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.core.interview.Assumption;
import dev.socra.core.interview.DimensionScore;
import dev.socra.core.interview.Interview;
import dev.socra.core.interview.SupersededTurn;
import dev.socra.core.interview.Turn;
import dev.socra.core.interview.TurnEvaluation;
import dev.socra.core.persona.Stage;
import dev.socra.core.session.Session;
import dev.socra.core.session.SessionRepository;
import dev.socra.core.session.StageUsage;
import dev.socra.server.KeyScrubber;
import dev.socra.server.lease.Leases;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sessions in the database: the interview's turns with their scores and assumptions in rows of
 * their own, each finished stage's result, and each stage's usage. A save writes only what changed
 * and happens in one transaction, so a crash leaves the session as it was after its last complete
 * step. A save made by leased work (a question, the pipeline) first checks its lease's fence in the
 * same transaction ({@link Leases#checkFence}).
 */
@Repository
public class JdbcSessionRepository implements SessionRepository {
  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final JdbcClient db;
  private final TransactionTemplate tx;
  private final Leases leases;
  private final KeyScrubber scrubber;
  private final Clock clock;

  @org.springframework.beans.factory.annotation.Autowired
  public JdbcSessionRepository(
      JdbcClient db, TransactionTemplate tx, Leases leases, KeyScrubber scrubber) {
    this(db, tx, leases, scrubber, Clock.systemUTC());
  }

  JdbcSessionRepository(
      JdbcClient db, TransactionTemplate tx, Leases leases, KeyScrubber scrubber, Clock clock) {
    this.db = db;
    this.tx = tx;
    this.leases = leases;
    this.scrubber = scrubber;
    this.clock = clock;
  }

  @Override
  public void save(Session session) {
    tx.executeWithoutResult(status -> write(session));
  }

  @Override
  public Optional<Session> find(String id) {
    return tx.execute(status -> read(id));
  }

  private void write(Session s) {
    // Work running under a lease writes only while the lease is still this server's.
    leases.checkFence(s.id());
    OffsetDateTime now = now();
    Interview iv = s.interview();
    int updated =
        db.sql("UPDATE sessions SET ended = ?, closing = ?, updated_at = ? WHERE id = ?")
            .params(iv.ended(), json(iv.closing()), now, s.id())
            .update();
    if (updated == 0) {
      db.sql(
              "INSERT INTO sessions (id, owner_id, idea, max_turns, ended, closing, status,"
                  + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              s.id(),
              s.owner(),
              scrubber.text(iv.idea()),
              iv.maxTurns(),
              iv.ended(),
              json(iv.closing()),
              SessionStatus.INTERVIEW.id(),
              now,
              now)
          .update();
    }
    writeHistory(s.id(), iv, now);
    writeTurns(s.id(), iv, now);
    writeResults(s, now);
    writeUsage(s);
  }

  private record StoredTurn(int number, String answer, String evaluation) {}

  private void writeTurns(String id, Interview iv, OffsetDateTime now) {
    Map<Integer, StoredTurn> stored = new HashMap<>();
    db.sql("SELECT number, answer, evaluation FROM turns WHERE session_id = ?")
        .param(id)
        .query(StoredTurn.class)
        .list()
        .forEach(t -> stored.put(t.number(), t));
    for (Turn t : iv.turns()) {
      String evaluation = json(t.evaluation());
      StoredTurn old = stored.remove(t.number());
      if (old == null) {
        db.sql(
                "INSERT INTO turns (session_id, number, question, answer, evaluation, asked_at,"
                    + " answered_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .params(
                id,
                t.number(),
                scrubber.text(t.question()),
                scrubber.text(t.answer()),
                evaluation,
                now,
                t.answer() == null ? null : now)
            .update();
        writeEvaluation(id, t.number(), t.evaluation());
        continue;
      }
      if (!Objects.equals(old.answer(), t.answer())) {
        db.sql("UPDATE turns SET answer = ?, answered_at = ? WHERE session_id = ? AND number = ?")
            .params(scrubber.text(t.answer()), t.answer() == null ? null : now, id, t.number())
            .update();
      }
      if (!Objects.equals(old.evaluation(), evaluation)) {
        db.sql("UPDATE turns SET evaluation = ? WHERE session_id = ? AND number = ?")
            .params(evaluation, id, t.number())
            .update();
        writeEvaluation(id, t.number(), t.evaluation());
      }
    }
    // A question the founder ended the interview on is dropped from it.
    for (int gone : stored.keySet()) {
      writeEvaluation(id, gone, null);
      db.sql("DELETE FROM turns WHERE session_id = ? AND number = ?").params(id, gone).update();
    }
    writeEvaluation(id, 0, iv.closing());
  }

  /** The turns set aside by going back: only added to, never changed. */
  private void writeHistory(String id, Interview iv, OffsetDateTime now) {
    if (iv.history().isEmpty()) {
      return;
    }
    Integer stored =
        db.sql("SELECT MAX(revision) FROM superseded_turns WHERE session_id = ?")
            .param(id)
            .query(Integer.class)
            .optional()
            .orElse(null);
    int known = stored == null ? 0 : stored;
    for (SupersededTurn h : iv.history()) {
      if (h.revision() <= known) {
        continue;
      }
      Turn t = h.turn();
      db.sql(
              "INSERT INTO superseded_turns (session_id, revision, reopened, number, question,"
                  + " answer, evaluation, set_aside_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              id,
              h.revision(),
              h.reopened(),
              t.number(),
              scrubber.text(t.question()),
              scrubber.text(t.answer()),
              json(t.evaluation()),
              now)
          .update();
    }
  }

  /** Scores and assumptions as rows (turn 0: the closing evaluation), for queries and charts. */
  private void writeEvaluation(String id, int turn, TurnEvaluation e) {
    db.sql("DELETE FROM scores WHERE session_id = ? AND turn_number = ?").params(id, turn).update();
    db.sql("DELETE FROM assumptions WHERE session_id = ? AND turn_number = ?")
        .params(id, turn)
        .update();
    if (e == null) {
      return;
    }
    for (DimensionScore d : e.scores()) {
      db.sql(
              "INSERT INTO scores (session_id, turn_number, dimension, score, reason)"
                  + " VALUES (?, ?, ?, ?, ?)")
          .params(id, turn, d.dimension().name(), d.score(), scrubber.text(d.reason()))
          .update();
    }
    int position = 0;
    for (Assumption a : e.assumptions()) {
      db.sql(
              "INSERT INTO assumptions (session_id, turn_number, position, statement, category,"
                  + " status, moved_by) VALUES (?, ?, ?, ?, ?, ?, ?)")
          .params(
              id,
              turn,
              position++,
              scrubber.text(a.statement()),
              a.category().name(),
              a.status().name(),
              scrubber.text(a.movedBy()))
          .update();
    }
  }

  private void writeResults(Session s, OffsetDateTime now) {
    List<String> stored =
        db.sql("SELECT stage FROM stage_results WHERE session_id = ?")
            .param(s.id())
            .query(String.class)
            .list();
    for (var e : s.results().entrySet()) {
      if (!stored.contains(e.getKey().id())) {
        db.sql(
                "INSERT INTO stage_results (session_id, stage, result, finished_at)"
                    + " VALUES (?, ?, ?, ?)")
            .params(s.id(), e.getKey().id(), json(e.getValue()), now)
            .update();
      }
    }
  }

  private void writeUsage(Session s) {
    for (StageUsage u : s.usage().values()) {
      Object[] values = {
        u.calls(),
        u.inputTokens(),
        u.outputTokens(),
        u.estimated(),
        u.cost(),
        String.join(",", u.servedBy()),
        u.retried(),
        s.id(),
        u.stage().id()
      };
      int n =
          db.sql(
                  "UPDATE stage_usage SET calls = ?, input_tokens = ?, output_tokens = ?,"
                      + " estimated = ?, cost_usd = ?, served_by = ?, retried = ?"
                      + " WHERE session_id = ? AND stage = ?")
              .params(values)
              .update();
      if (n == 0) {
        db.sql(
                "INSERT INTO stage_usage (calls, input_tokens, output_tokens, estimated, cost_usd,"
                    + " served_by, retried, session_id, stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .params(values)
            .update();
      }
    }
  }

  private record SessionRow(
      String id, String ownerId, String idea, int maxTurns, boolean ended, String closing) {}

  private record TurnRow(int number, String question, String answer, String evaluation) {}

  private record ResultRow(String stage, String result) {}

  private record HistoryRow(
      int revision, int reopened, int number, String question, String answer, String evaluation) {}

  private record UsageRow(
      String stage,
      int calls,
      int inputTokens,
      int outputTokens,
      boolean estimated,
      BigDecimal costUsd,
      String servedBy,
      boolean retried) {}

  private Optional<Session> read(String id) {
    Optional<SessionRow> row =
        db.sql(
                "SELECT id, owner_id AS ownerId, idea, max_turns AS maxTurns, ended, closing FROM sessions"
                    + " WHERE id = ?")
            .param(id)
            .query(SessionRow.class)
            .optional();
    if (row.isEmpty()) {
      return Optional.empty();
    }
    SessionRow r = row.get();
    List<Turn> turns =
        db
            .sql(
                "SELECT number, question, answer, evaluation FROM turns WHERE session_id = ?"
                    + " ORDER BY number")
            .param(id)
            .query(TurnRow.class)
            .list()
            .stream()
            .map(
                t ->
                    new Turn(
                        t.number(),
                        t.question(),
                        t.answer(),
                        parse(t.evaluation(), TurnEvaluation.class)))
            .toList();
    List<SupersededTurn> history =
        db
            .sql(
                "SELECT revision, reopened, number, question, answer, evaluation"
                    + " FROM superseded_turns WHERE session_id = ? ORDER BY revision, number")
            .param(id)
            .query(HistoryRow.class)
            .list()
            .stream()
            .map(
                h ->
                    new SupersededTurn(
                        h.revision(),
                        h.reopened(),
                        new Turn(
                            h.number(),
                            h.question(),
                            h.answer(),
                            parse(h.evaluation(), TurnEvaluation.class))))
            .toList();
    Interview interview =
        new Interview(
            r.idea(),
            turns,
            r.maxTurns(),
            r.ended(),
            parse(r.closing(), TurnEvaluation.class),
            history);
    Map<Stage, Object> results = new LinkedHashMap<>();
    db.sql("SELECT stage, result FROM stage_results WHERE session_id = ?")
        .param(id)
        .query(ResultRow.class)
        .list()
        .forEach(
            x -> {
              Stage stage = stage(x.stage());
              results.put(stage, parse(x.result(), StageResults.type(stage)));
            });
    Map<Stage, StageUsage> usage = new LinkedHashMap<>();
    db.sql(
            "SELECT stage, calls, input_tokens AS inputTokens, output_tokens AS outputTokens,"
                + " estimated, cost_usd AS costUsd, served_by AS servedBy, retried"
                + " FROM stage_usage WHERE session_id = ?")
        .param(id)
        .query(UsageRow.class)
        .list()
        .forEach(
            u -> {
              Stage stage = stage(u.stage());
              usage.put(
                  stage,
                  new StageUsage(
                      stage,
                      u.calls(),
                      u.inputTokens(),
                      u.outputTokens(),
                      u.estimated(),
                      u.costUsd(),
                      u.servedBy().isEmpty() ? List.of() : Arrays.asList(u.servedBy().split(",")),
                      u.retried()));
            });
    return Optional.of(new Session(r.id(), r.ownerId(), interview, results, usage));
  }

  static Stage stage(String id) {
    for (Stage s : Stage.values()) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    throw new IllegalStateException("unknown stage in the database: " + id);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  /** A value as stored: JSON, scrubbed of provider keys (model text is kept as JSON documents). */
  private String json(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return scrubber.json(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot store " + value.getClass().getSimpleName(), e);
    }
  }

  static <T> T parse(String json, Class<T> type) {
    if (json == null) {
      return null;
    }
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored " + type.getSimpleName() + " cannot be read", e);
    }
  }
}
