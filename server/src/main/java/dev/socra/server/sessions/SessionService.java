package dev.socra.server.sessions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.core.Socra;
import dev.socra.core.idea.InputLimits;
import dev.socra.core.idea.InvalidInputException;
import dev.socra.core.idea.PlainText;
import dev.socra.core.interview.Interview;
import dev.socra.core.interview.Turn;
import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.Pipeline;
import dev.socra.core.pipeline.PipelineFailedException;
import dev.socra.core.pipeline.Verdict;
import dev.socra.core.session.Session;
import dev.socra.core.session.SessionRepository;
import dev.socra.core.structured.StructuredOutputException;
import dev.socra.llm.LlmCallException;
import dev.socra.llm.config.SecretStream;
import dev.socra.server.KeyScrubber;
import dev.socra.server.account.SocraUser;
import dev.socra.server.cluster.EventStreams;
import dev.socra.server.lease.LeaseLostException;
import dev.socra.server.lease.Leases;
import dev.socra.server.lease.OwnedWork;
import dev.socra.server.lease.WorkLease;
import dev.socra.server.live.EventLog;
import dev.socra.server.live.LiveRuns;
import dev.socra.server.observe.AttemptLedger;
import dev.socra.server.sessions.Views.PipelineEnd;
import dev.socra.server.sessions.Views.QuestionEvent;
import dev.socra.server.sessions.Views.StageEvent;
import dev.socra.server.sessions.Views.StreamError;
import dev.socra.server.sessions.Views.TurnEvent;
import dev.socra.server.store.SessionStatus;
import dev.socra.server.store.SessionStore;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * A user's sessions, over the {@link Socra} facade: ownership, one step at a time per session, and
 * the long work (a question being written, the pipeline) running in the background with its events
 * in a {@link LiveRuns} log that clients follow and rejoin.
 *
 * <p>Work runs only on the server holding its lease ({@link OwnedWork}): another server sharing the
 * database follows it from what the owner stores (stages and turns as they are saved, not token by
 * token), and takes it over if the owner's lease expires.
 */
@Service
public class SessionService {
  private static final Logger log = LoggerFactory.getLogger(SessionService.class);
  static final ObjectMapper JSON = new ObjectMapper();

  private final Socra socra;
  private final SessionRepository repository;
  private final SessionStore store;
  private final LiveRuns runs;
  private final OwnedWork owned;
  private final Leases leases;
  private final KeyScrubber scrubber;
  private final AttemptLedger ledger;
  private final ShareLinks shares;
  private final SessionLocks locks = new SessionLocks();
  private PipelineCharge charge = PipelineCharge.FREE;
  private final EventStreams streams;

  public SessionService(
      Socra socra,
      SessionRepository repository,
      SessionStore store,
      LiveRuns runs,
      OwnedWork owned,
      Leases leases,
      KeyScrubber scrubber,
      AttemptLedger ledger,
      EventStreams streams,
      ShareLinks shares) {
    this.streams = streams;
    this.socra = socra;
    this.repository = repository;
    this.store = store;
    this.runs = runs;
    this.owned = owned;
    this.leases = leases;
    this.scrubber = scrubber;
    this.ledger = ledger;
    this.shares = shares;
  }

  /** What a pipeline run costs, when the server charges for runs (the billing package). */
  @org.springframework.beans.factory.annotation.Autowired(required = false)
  void setPipelineCharge(PipelineCharge charge) {
    this.charge = charge;
  }

  /**
   * Deletes the user's session and everything stored about it (see {@link SessionStore#delete});
   * its attempts stay in the ledger without the link to it ({@link AttemptLedger#unlinkSession}).
   * Not while a question is being written or the pipeline runs: their results would be saved into a
   * session that no longer exists.
   */
  public void delete(SocraUser user, String id) {
    checkId(id);
    locks.with(
        id,
        () -> {
          load(user, id);
          if (runs.anyRunning(id)) {
            throw new SessionConflictException(
                status(id) == SessionStatus.PIPELINE_RUNNING
                    ? "the plan is being built; delete the session when it is done"
                    : "a question is being written; delete the session when it arrives");
          }
          ledger.unlinkSession(user.id(), id);
          if (!store.delete(id, user.id())) {
            throw new SessionNotFoundException(id);
          }
          runs.forgetSession(id);
          return null;
        });
  }

  /** A new session; its first question starts being written at once. */
  public Session create(SocraUser user, String idea, Integer maxTurns) {
    int turns = maxTurns == null ? Interview.DEFAULT_MAX_TURNS : maxTurns;
    if (turns < 3 || turns > 15) {
      throw new dev.socra.core.idea.InvalidInputException(
          "maxTurns must be from 3 to 15 (the interview needs three answers at least)");
    }
    Session s = socra.start(user.id(), idea, turns);
    ask(s);
    return s;
  }

  /** What a new-idea form's key looks like: the page puts a random UUID in it. */
  private static final Pattern FORM_KEY = Pattern.compile("[A-Za-z0-9-]{16,64}");

  /**
   * A new session from the new-idea form whose random key is {@code formKey}: the same form sent
   * again (the browser's back button, then "Start" once more) leads to the session it made, never
   * to a second one. A key that is missing or malformed makes a session as {@link #create} does.
   */
  public Session create(SocraUser user, String idea, Integer maxTurns, String formKey) {
    if (formKey == null || !FORM_KEY.matcher(formKey).matches()) {
      return create(user, idea, maxTurns);
    }
    Optional<String> made = store.madeByForm(user.id(), formKey);
    if (made.isPresent()) {
      return load(user, made.get());
    }
    int turns = maxTurns == null ? Interview.DEFAULT_MAX_TURNS : maxTurns;
    if (turns < 3 || turns > 15) {
      throw new InvalidInputException(
          "maxTurns must be from 3 to 15 (the interview needs three answers at least)");
    }
    Session s = socra.start(user.id(), idea, turns);
    if (!store.claimForm(s.id(), user.id(), formKey)) {
      // the same form, sent twice at once: the other request's session stands
      store.delete(s.id(), user.id());
      return store
          .madeByForm(user.id(), formKey)
          .map(id -> load(user, id))
          .orElseThrow(() -> new SessionConflictException("the idea was sent twice at once"));
    }
    ask(s);
    return s;
  }

  /** The longest name a founder may give a session. */
  public static final int TITLE_MAX = 120;

  /** The founder names their session (the list and the pages show it). */
  public void rename(SocraUser user, String id, String title) {
    load(user, id);
    PlainText.check("The name", title, false);
    String t = title == null ? "" : title.strip();
    if (t.isEmpty()) {
      throw new InvalidInputException("The name is empty.");
    }
    if (t.length() > TITLE_MAX) {
      throw new InvalidInputException(
          "The name is " + t.length() + " characters; the limit is " + TITLE_MAX + ".");
    }
    if (!store.rename(id, user.id(), t)) {
      throw new SessionNotFoundException(id);
    }
  }

  /** The download's file name: {@code socra-physio-rooms-2026-12-03.md}. */
  public String fileName(Session s) {
    return dev.socra.core.report.SessionMarkdown.fileName(s, store.writtenOn(s.id()));
  }

  /** The session's name: the founder's, or the idea's short name. */
  public String title(Session s) {
    return store
        .title(s.id())
        .orElseGet(() -> dev.socra.core.idea.IdeaName.of(s.interview().idea()).title());
  }

  /**
   * Makes a read-only link to the user's finished session, replacing any earlier one; returns its
   * token, shown this once.
   */
  public String share(SocraUser user, String id) {
    load(user, id);
    if (status(id) != SessionStatus.DONE) {
      throw new SessionConflictException("a session can be shared once its plan is built");
    }
    return shares.create(id);
  }

  /** Revokes the link to the user's session: it leads nowhere from now on. */
  public void revokeShare(SocraUser user, String id) {
    load(user, id);
    shares.revoke(id);
  }

  /** Whether the user's session has a read-only link now. */
  public Optional<ShareLinks.Shared> shared(SocraUser user, String id) {
    load(user, id);
    return shares.of(id);
  }

  /**
   * The session a read-only link opens, for anyone who has it; "not found" for a link that is
   * wrong, revoked, or whose session was deleted.
   */
  public Session openShared(String token) {
    String id = shares.session(token).orElseThrow(() -> new SessionNotFoundException(null));
    if (status(id) != SessionStatus.DONE) {
      throw new SessionNotFoundException(null);
    }
    return repository.find(id).orElseThrow(() -> new SessionNotFoundException(null));
  }

  /** What {@code Socra.start} gives sessions: a random UUID in its canonical, lower-case form. */
  private static final Pattern ID = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");

  /**
   * An id that cannot be a session's (too long, other characters) is "not found" before anything is
   * looked up or locked for it.
   */
  static String checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new SessionNotFoundException(null);
    }
    return id;
  }

  /** The user's session; another user's or a missing one is "not found". */
  public Session load(SocraUser user, String id) {
    checkId(id);
    Optional<String> owner = store.owner(id);
    if (owner.isEmpty() || !owner.get().equals(user.id())) {
      throw new SessionNotFoundException(id);
    }
    return repository.find(id).orElseThrow(() -> new SessionNotFoundException(id));
  }

  public Views.SessionView view(SocraUser user, String id) {
    Session s = load(user, id);
    return Views.SessionView.of(
        s,
        title(s),
        store.status(id).orElse(SessionStatus.INTERVIEW).id(),
        store.statusDetail(id).orElse(null));
  }

  public SessionStatus status(String id) {
    return store.status(id).orElse(SessionStatus.INTERVIEW);
  }

  /**
   * Only against a hang: how long an answer sent while its question's quick replies are still being
   * written waits for them. The router's deadline ends every question well before.
   */
  static final Duration QUESTION_WAIT = Duration.ofMinutes(3);

  /**
   * Stores the founder's answer to question {@code question} (before any call uses it), then starts
   * the next question unless the interview is complete; returns that question's log, or empty when
   * the interview is complete.
   *
   * <p>The answer must name the question it answers: an answer for another question (a tab that
   * still showed it) is refused with the current one ({@link AnswerConflictException}), never filed
   * under the wrong question. An answer to the question being written now, sent once its words were
   * there and while its quick replies are still coming, waits for them (outside the session's lock)
   * and is then stored.
   */
  public Optional<EventLog> answer(SocraUser user, String id, Integer question, String answer) {
    load(user, id);
    if (question == null) {
      throw new InvalidInputException(
          "'question' is required: the number of the question this answers (the open turn's"
              + " number), so that an answer is never filed under another question.");
    }
    InputLimits.answer(answer);
    Optional<EventLog> writing =
        locks.with(
            id,
            () -> {
              Session s = load(user, id);
              requireInterview(id);
              int next = s.interview().turns().size() + 1;
              return s.interview().open() == null && question == next
                  ? runs.find(turnKey(s, next)).filter(l -> !l.closed())
                  : Optional.<EventLog>empty();
            });
    if (writing.isPresent()) {
      awaitQuestion(writing.get());
    }
    return locks.with(
        id,
        () -> {
          Session s = load(user, id);
          requireInterview(id);
          Turn open = s.interview().open();
          if (open == null || open.number() != question) {
            throw stale(s, question);
          }
          Session next = socra.answer(s, question, answer);
          if (next.interview().complete()) {
            return Optional.<EventLog>empty();
          }
          return Optional.of(ask(next));
        });
  }

  private static void awaitQuestion(EventLog log) {
    try {
      log.awaitClosed(QUESTION_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionConflictException("the question is still being written; answer it again");
    }
  }

  /** Why an answer for question {@code question} cannot be stored now, with the current one. */
  private AnswerConflictException stale(Session s, int question) {
    Interview iv = s.interview();
    Turn open = iv.open();
    int next = iv.turns().size() + 1;
    if (open != null) {
      return new AnswerConflictException(
          "this answer is for question "
              + question
              + ", but question "
              + open.number()
              + " is the one waiting for an answer now (it was answered or changed elsewhere);"
              + " your answer was not stored",
          open.number(),
          open.question());
    }
    if (runs.running(turnKey(s, next))) {
      return new AnswerConflictException(
          "this answer is for question "
              + question
              + ", but question "
              + next
              + " is being written now (it was answered elsewhere); your answer was not stored",
          next,
          null);
    }
    if (question == next && !iv.complete()) {
      return new AnswerConflictException(
          "question " + next + " could not be written yet; try again to have it written", 0, null);
    }
    return new AnswerConflictException(
        "no question is waiting for an answer: the interview is complete", 0, null);
  }

  /**
   * The founder goes back to question {@code n}, already answered: it is open again, and its answer
   * and every later turn are kept as history. Not while a question is being written.
   */
  public Session reopen(SocraUser user, String id, int n) {
    checkId(id);
    return locks.with(
        id,
        () -> {
          Session s = load(user, id);
          requireInterview(id);
          requireNothingWritten(s, "go back");
          return socra.reopen(s, n);
        });
  }

  /**
   * The founder changes the answer to question {@code n}: the later turns are kept as history and
   * the next question is written again from the new answer (the log returned), unless the interview
   * is complete with it (empty). Not while a question is being written.
   */
  public Optional<EventLog> revise(SocraUser user, String id, int n, String answer) {
    load(user, id);
    InputLimits.answer(answer);
    return locks.with(
        id,
        () -> {
          Session s = load(user, id);
          requireInterview(id);
          requireNothingWritten(s, "change an answer");
          Session next = socra.revise(s, n, answer);
          if (next.interview().complete()) {
            return Optional.<EventLog>empty();
          }
          return Optional.of(ask(next));
        });
  }

  /** Going back while a question is written would save that question into the wrong place. */
  private void requireNothingWritten(Session s, String what) {
    if (runs.running(turnKey(s, s.interview().turns().size() + 1))) {
      throw new SessionConflictException(
          "a question is being written; " + what + " when it has arrived");
    }
  }

  /** The founder says enough: the open question is dropped and the interview ends. */
  public Session end(SocraUser user, String id) {
    checkId(id);
    return locks.with(
        id,
        () -> {
          Session s = load(user, id);
          requireInterview(id);
          if (runs.running(turnKey(s, s.interview().turns().size() + 1))) {
            throw new SessionConflictException(
                "a question is being written; end the interview when it arrives");
          }
          if (s.interview().answered() == 0) {
            throw new SessionConflictException("answer at least one question before ending");
          }
          return socra.end(s);
        });
  }

  /**
   * The log of turn {@code n}'s question: live while it is written, else rebuilt from the stored
   * turn. A question that was never written because the server stopped (the answer before it is
   * stored) is started now: nothing the founder said is lost.
   */
  public EventLog turnEvents(SocraUser user, String id, int n) {
    load(user, id);
    EventLog found = turnLog(id, n, false);
    if (found != null) {
      return found;
    }
    // Looked at again under the lock: another reader may have restarted it meanwhile.
    return locks.with(id, () -> turnLog(id, n, true));
  }

  /**
   * Turn {@code n}'s log: live, replayed from the database, or (when {@code restart}) written now
   * because it never was (the server stopped) or failed. The live log is looked up before the
   * session is read: a log that is closed was closed after its turn was saved, so the session read
   * next holds the turn if it was written at all.
   */
  private EventLog turnLog(String id, int n, boolean restart) {
    Session before = repository.find(id).orElseThrow(() -> new SessionNotFoundException(id));
    Optional<EventLog> live = runs.find(turnKey(before, n));
    Session s = repository.find(id).orElseThrow(() -> new SessionNotFoundException(id));
    if (s.interview().revisions() != before.interview().revisions()) {
      live = runs.find(turnKey(s, n)); // the founder went back meanwhile
    }
    List<Turn> turns = s.interview().turns();
    if (live.isPresent() && (!live.get().closed() || n <= turns.size())) {
      return live.get();
    }
    if (n >= 1 && n <= turns.size()) {
      Optional<EventLog> streamed =
          streams.enabled() ? streams.replay(turnKey(s, n)) : Optional.empty();
      if (streamed.isPresent()) {
        return streamed.get(); // the same events under the same ids, wherever it was written
      }
      EventLog replay = new EventLog();
      replay.append("turn", json(TurnEvent.of(s, turns.get(n - 1))));
      replay.close();
      return replay;
    }
    boolean writable =
        n == turns.size() + 1
            && s.interview().open() == null
            && !s.interview().complete()
            && status(id) == SessionStatus.INTERVIEW;
    if (!writable) {
      throw new SessionNotFoundException(id + "/turns/" + n);
    }
    if (!restart) {
      return null;
    }
    runs.forget(turnKey(s, n));
    return ask(s);
  }

  /** Starts (or joins) the pipeline; ends the interview first if the founder had not. */
  public EventLog runPipeline(SocraUser user, String id) {
    checkId(id);
    return locks.with(
        id,
        () -> {
          Session s = load(user, id);
          Optional<EventLog> live = runs.find(pipelineKey(id));
          if (live.isPresent() && !live.get().closed()) {
            return live.get();
          }
          if (status(id) == SessionStatus.DONE) {
            return pipelineReplay(s);
          }
          if (runs.running(turnKey(s, s.interview().turns().size() + 1))) {
            throw new SessionConflictException(
                "a question is being written; build the plan when it arrives");
          }
          if (s.interview().answered() == 0) {
            throw new SessionConflictException(
                "answer at least one question before building the plan");
          }
          charge.charge(user, id);
          try {
            runs.forget(pipelineKey(id));
            store.setStatus(id, SessionStatus.PIPELINE_RUNNING, null);
            return startPipeline(id);
          } catch (RuntimeException e) {
            charge.giveBack(id, e); // never started: nothing is taken for it
            throw e;
          }
        });
  }

  /** The pipeline's log: live, or rebuilt from the stored stages. */
  public EventLog pipelineEvents(SocraUser user, String id) {
    Session s = load(user, id);
    Optional<EventLog> live = runs.find(pipelineKey(id));
    if (live.isPresent()) {
      return live.get();
    }
    if (status(id) == SessionStatus.PIPELINE_RUNNING) {
      return locks.with(id, () -> startPipeline(id));
    }
    return pipelineReplay(s);
  }

  /**
   * Resumes a pipeline under a lease the {@link Resumer} has taken (its server stopped, or its
   * lease expired); gives the lease back when this server already runs or follows it.
   */
  void resume(String id, WorkLease lease) {
    locks.with(
        id,
        () -> {
          runs.forget(pipelineKey(id));
          if (runs.startNew(pipelineKey(id), events -> pipelineWork(id, lease, events)).isEmpty()) {
            leases.release(lease);
          }
          return null;
        });
  }

  /**
   * Writes turn {@code n}'s question under a lease the {@link Resumer} has taken after its server's
   * lease expired; gives the lease back when the question is written or not wanted.
   */
  void resumeTurn(String id, int n, int revision, WorkLease lease) {
    locks.with(
        id,
        () -> {
          Optional<Session> s = repository.find(id);
          boolean wanted =
              s.isPresent()
                  && s.get().interview().revisions() == revision
                  && n == s.get().interview().turns().size() + 1
                  && s.get().interview().open() == null
                  && !s.get().interview().complete()
                  && status(id) == SessionStatus.INTERVIEW;
          String key = turnKey(id, n, revision);
          runs.forget(key);
          if (!wanted
              || runs.startNew(key, events -> questionWork(id, n, revision, lease, events))
                  .isEmpty()) {
            leases.release(lease);
          }
          return null;
        });
  }

  public List<SessionStore.Summary> list(SocraUser user) {
    return store.list(user.id());
  }

  private EventLog ask(Session s) {
    int n = s.interview().turns().size() + 1;
    int revision = s.interview().revisions();
    String id = s.id();
    return runs.start(
        turnKey(id, n, revision), events -> questionWork(id, n, revision, null, events));
  }

  /** Turn {@code n}'s question, written here under its lease or followed from another server. */
  private void questionWork(String id, int n, int revision, WorkLease taken, EventLog events) {
    String key = turnKey(id, n, revision);
    owned.run(
        key,
        id,
        taken,
        lease -> claimStream(key, lease, events),
        () -> writeQuestion(id, n, events),
        follower(key, events, () -> followQuestion(id, n, revision, events), QUESTION_ENDS));
  }

  private void writeQuestion(String id, int n, EventLog events) {
    Relay relay = new Relay(events);
    try {
      Session latest = repository.find(id).orElseThrow();
      if (latest.interview().turns().size() >= n) {
        relay.event("turn", json(TurnEvent.of(latest, latest.interview().turns().get(n - 1))));
        return;
      }
      Session next = socra.ask(latest, relay::token, () -> relay.questionWritten(n));
      relay.event("turn", json(TurnEvent.of(next, next.interview().turns().getLast())));
    } catch (LeaseLostException e) {
      throw e; // another server writes it now: follow it there
    } catch (LlmCallException e) {
      relay.event("error", json(error(e)));
    } catch (StructuredOutputException e) {
      relay.event(
          "error",
          json(
              new StreamError(
                  "the interviewer's answer could not be read: " + e.getMessage(),
                  "invalid-output",
                  true)));
    } catch (RuntimeException e) {
      log.warn("question {} of session {} failed: {}", n, id, e.toString());
      relay.event(
          "error", json(new StreamError("the question could not be written", "internal", true)));
    }
  }

  /** One look at a question another server is writing: true once it is stored (or moot). */
  private boolean followQuestion(String id, int n, int revision, EventLog events) {
    Optional<Session> s = repository.find(id);
    if (s.isPresent() && s.get().interview().revisions() != revision) {
      events.append(
          "error", json(new StreamError("the question is no longer wanted", "internal", false)));
      return true;
    }
    if (s.isPresent() && s.get().interview().turns().size() >= n) {
      Session latest = s.get();
      events.append(
          "turn", scrubber.json(json(TurnEvent.of(latest, latest.interview().turns().get(n - 1)))));
      return true;
    }
    if (s.isEmpty() || s.get().interview().complete() || status(id) != SessionStatus.INTERVIEW) {
      events.append(
          "error", json(new StreamError("the question is no longer wanted", "internal", false)));
      return true;
    }
    return false;
  }

  /**
   * Appends a question's events to its log scrubbed of provider keys: tokens through one stream
   * scrubber (a key may be split between two tokens), everything else as a whole document.
   */
  private final class Relay {
    private final EventLog events;
    private SecretStream tokens = scrubber.stream();
    private final StringBuilder shown = new StringBuilder();

    Relay(EventLog events) {
      this.events = events;
    }

    void token(String text) {
      String safe = tokens.push(text);
      if (!safe.isEmpty()) {
        shown.append(safe);
        events.append("token", json(Map.of("text", safe)));
      }
    }

    void event(String name, String json) {
      flush();
      events.append(name, scrubber.json(json));
    }

    /**
     * The question's words are complete (its quick replies are still being written): the whole
     * question as shown, so a client can open the answer box now.
     */
    void questionWritten(int n) {
      flush();
      events.append("question", scrubber.json(json(new QuestionEvent(n, shown.toString()))));
    }

    /** Sends what the key scrubber held back; later text starts a fresh scrubbing stream. */
    private void flush() {
      String rest = tokens.finish();
      tokens = scrubber.stream();
      if (!rest.isEmpty()) {
        shown.append(rest);
        events.append("token", json(Map.of("text", rest)));
      }
    }
  }

  private EventLog startPipeline(String id) {
    return runs.start(pipelineKey(id), events -> pipelineWork(id, null, events));
  }

  /** The pipeline, run here under its lease or followed from another server. */
  private void pipelineWork(String id, WorkLease taken, EventLog events) {
    Set<Stage> reported = EnumSet.noneOf(Stage.class);
    String key = pipelineKey(id);
    owned.run(
        key,
        id,
        taken,
        lease -> claimStream(key, lease, events),
        () -> runPipelineHere(id, events),
        follower(
            key,
            events,
            () ->
                status(id) != SessionStatus.PIPELINE_RUNNING
                    && followPipeline(id, events, reported),
            PIPELINE_ENDS));
  }

  /** The events that end a question's stream and a pipeline's: nothing follows them. */
  private static final Set<String> QUESTION_ENDS = Set.of("turn", "error");

  private static final Set<String> PIPELINE_ENDS = Set.of("done", "failed");

  private static boolean ended(EventLog events, Set<String> ends) {
    long n = events.size();
    if (n == 0) {
      return false;
    }
    try {
      List<EventLog.Event> last = events.after(n - 1, java.time.Duration.ZERO).events();
      return !last.isEmpty() && ends.contains(last.getLast().name());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /** With several servers: this server now runs the work, so its log goes to the live stream. */
  private void claimStream(String key, WorkLease lease, EventLog events) {
    if (streams.enabled()) {
      streams.own(key, lease.fence(), events);
    }
  }

  /**
   * How this server follows work another server runs. Alone (no Redis): looks at what the owner
   * stored, once a poll. With Redis: follows the owner's live stream (every event, token by token,
   * under the owner's ids); the database is asked only where there is no stream (Redis lost it),
   * and then only whether the work has ended.
   */
  private OwnedWork.Follower follower(
      String key, EventLog events, OwnedWork.Follower stored, Set<String> ends) {
    if (!streams.enabled()) {
      return stored;
    }
    return new OwnedWork.Follower() {
      @Override
      public boolean follow() {
        return switch (streams.follow(key, events, owned.poll())) {
          case CLOSED -> true;
          // The owner's last event came (its end marker may still be on its way, and its lease
          // already given back): the work is over, and nobody must take it up again.
          case OPEN, UNAVAILABLE -> ended(events, ends);
          case ABSENT -> stored.follow();
        };
      }

      @Override
      public boolean waits() {
        return true;
      }
    };
  }

  /**
   * One look at a pipeline another server runs: its stages as they are stored, then its end; true
   * once it has ended.
   */
  private boolean followPipeline(String id, EventLog events, Set<Stage> reported) {
    // The status first: the owner stores the last stage before it sets the end status, so a
    // session read after an end status has every stage.
    SessionStatus status = status(id);
    Optional<Session> found = repository.find(id);
    if (found.isEmpty()) {
      return true;
    }
    Session s = found.get();
    for (Stage stage : Pipeline.stages()) {
      if (s.results().containsKey(stage) && reported.add(stage)) {
        events.append("stage", json(StageEvent.stored(s, stage)));
      }
    }
    if (status == SessionStatus.PIPELINE_RUNNING) {
      return false;
    }
    if (status == SessionStatus.DONE) {
      Verdict v = s.result(Stage.TRIBUNAL, Verdict.class);
      events.append(
          "done",
          json(
              new PipelineEnd(
                  status.id(),
                  v == null ? null : v.decision().name().toLowerCase(Locale.ROOT),
                  Map.of())));
    } else if (status == SessionStatus.PIPELINE_FAILED) {
      events.append(
          "failed",
          json(
              new PipelineEnd(
                  status.id(), null, Map.of("pipeline", store.statusDetail(id).orElse("failed")))));
    }
    return true;
  }

  private void runPipelineHere(String id, EventLog events) {
    try {
      Session s = repository.find(id).orElseThrow();
      Session done =
          socra.runPipeline(s, e -> events.append("stage", scrubber.json(json(StageEvent.of(e)))));
      store.setStatus(id, SessionStatus.DONE, null);
      Verdict v = done.result(Stage.TRIBUNAL, Verdict.class);
      events.append(
          "done",
          json(
              new PipelineEnd(
                  SessionStatus.DONE.id(),
                  v == null ? null : v.decision().name().toLowerCase(Locale.ROOT),
                  Map.of())));
    } catch (LeaseLostException e) {
      throw e; // another server runs it now: follow it there
    } catch (PipelineFailedException e) {
      charge.giveBack(id, e);
      Map<String, String> failures = new LinkedHashMap<>();
      e.failures().forEach((k, v) -> failures.put(k.id(), v));
      store.setStatus(id, SessionStatus.PIPELINE_FAILED, String.join("; ", failures.values()));
      events.append(
          "failed",
          scrubber.json(json(new PipelineEnd(SessionStatus.PIPELINE_FAILED.id(), null, failures))));
    } catch (LlmCallException | StructuredOutputException e) {
      charge.giveBack(id, e);
      store.setStatus(id, SessionStatus.PIPELINE_FAILED, e.getMessage());
      events.append(
          "failed",
          scrubber.json(
              json(
                  new PipelineEnd(
                      SessionStatus.PIPELINE_FAILED.id(),
                      null,
                      Map.of("interview-evaluation", e.getMessage())))));
    } catch (RuntimeException e) {
      log.warn("pipeline of session {} failed: {}", id, e.toString());
      charge.giveBack(id, e);
      store.setStatus(id, SessionStatus.PIPELINE_FAILED, "internal error");
      events.append(
          "failed",
          json(
              new PipelineEnd(
                  SessionStatus.PIPELINE_FAILED.id(), null, Map.of("pipeline", "internal error"))));
    }
  }

  private EventLog pipelineReplay(Session loaded) {
    if (streams.enabled()) {
      Optional<EventLog> streamed = streams.replay(pipelineKey(loaded.id()));
      if (streamed.isPresent() && status(loaded.id()) != SessionStatus.PIPELINE_RUNNING) {
        return streamed.get();
      }
    }
    // The status first, then the session again: the pipeline stores its last stage before it sets
    // the end status (on this server or another), so the stages read after it are all there.
    SessionStatus status = status(loaded.id());
    Session s = repository.find(loaded.id()).orElse(loaded);
    EventLog replay = new EventLog();
    for (Stage stage : Pipeline.stages()) {
      if (s.results().containsKey(stage)) {
        replay.append("stage", json(StageEvent.stored(s, stage)));
      }
    }
    if (status == SessionStatus.DONE) {
      Verdict v = s.result(Stage.TRIBUNAL, Verdict.class);
      replay.append(
          "done",
          json(
              new PipelineEnd(
                  status.id(),
                  v == null ? null : v.decision().name().toLowerCase(Locale.ROOT),
                  Map.of())));
    } else if (status == SessionStatus.PIPELINE_FAILED) {
      replay.append(
          "failed",
          json(
              new PipelineEnd(
                  status.id(),
                  null,
                  Map.of("pipeline", store.statusDetail(s.id()).orElse("failed")))));
    }
    replay.close();
    return replay;
  }

  private void requireInterview(String id) {
    SessionStatus st = status(id);
    if (st != SessionStatus.INTERVIEW) {
      throw new SessionConflictException("the interview is over: the session is " + st.id());
    }
  }

  static StreamError error(LlmCallException e) {
    boolean retryable =
        switch (e.failure()) {
          case REFUSED, EXCEEDS_EVERY_BUDGET, SPEND_LIMIT -> false;
          default -> true;
        };
    return new StreamError(
        e.getMessage(),
        e.failure().name().toLowerCase(Locale.ROOT).replace('_', '-'),
        retryable,
        e.retryAfter().map(d -> Math.max(1, (d.toMillis() + 999) / 1000)).orElse(null));
  }

  /**
   * The key of turn {@code n}'s work (its live log and its lease). A question asked again after the
   * founder went back has a key of its own ({@code <id>/turn/3/r1}), so nothing of the question it
   * replaces is ever replayed for it.
   */
  static String turnKey(String id, int n, int revision) {
    return revision == 0 ? id + "/turn/" + n : id + "/turn/" + n + "/r" + revision;
  }

  static String turnKey(Session s, int n) {
    return turnKey(s.id(), n, s.interview().revisions());
  }

  static String pipelineKey(String id) {
    return id + "/pipeline";
  }

  /** Sessions with a step running or waiting now: none once requests are answered. */
  int lockedSessions() {
    return locks.size();
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
