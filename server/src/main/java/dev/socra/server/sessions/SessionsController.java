package dev.socra.server.sessions;

import dev.socra.core.idea.InvalidInputException;
import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.Critique;
import dev.socra.core.pipeline.DeckOutline;
import dev.socra.core.pipeline.Masterplan;
import dev.socra.core.pipeline.Verdict;
import dev.socra.core.report.SessionMarkdown;
import dev.socra.core.session.Session;
import dev.socra.server.account.SocraUser;
import dev.socra.server.live.EventLog;
import dev.socra.server.live.SseStream;
import dev.socra.server.observe.StreamOutcomes;
import dev.socra.server.store.SessionStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sessions API: an idea, the interview (each question streamed as Server-Sent Events), the
 * pipeline (its progress streamed), and the results as JSON or Markdown.
 */
@RestController
@RequestMapping("/api/sessions")
@Tag(name = "Sessions", description = "From an idea to a masterplan, verdict and deck")
class SessionsController {
  private final SessionService sessions;
  private final UsageReport usage;
  private final StreamOutcomes streams;
  private final ShareAddress address;

  SessionsController(
      SessionService sessions, UsageReport usage, StreamOutcomes streams, ShareAddress address) {
    this.sessions = sessions;
    this.usage = usage;
    this.streams = streams;
    this.address = address;
  }

  private void relay(String stream, EventLog events, long lastId, HttpServletResponse response)
      throws IOException {
    streams.record(stream, SseStream.relay(events, lastId, response) == SseStream.Relayed.COMPLETE);
  }

  /**
   * @param maxTurns the interview's turn cap, 3 to 15 (default 7)
   */
  record NewSession(String idea, Integer maxTurns) {}

  /**
   * @param answer the founder's answer, 1 to 2,000 characters
   * @param question the number of the question it answers (the open turn's): required
   */
  record Answer(String answer, Integer question) {}

  /**
   * @param answer the new answer, 1 to 2,000 characters
   */
  record NewAnswer(String answer) {}

  /**
   * @param title the session's new name, 1 to 120 characters
   */
  record Rename(
      @io.swagger.v3.oas.annotations.media.Schema(
              type = "string",
              description = "the session's new name, 1 to 120 characters")
          Object title) {}

  @Operation(
      summary = "Start a session from an idea",
      description =
          "The first question starts being written at once; follow it at the returned"
              + " questionEvents URL (Server-Sent Events).")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> create(
      @AuthenticationPrincipal SocraUser user, @RequestBody NewSession body) {
    Session s = sessions.create(user, body.idea(), body.maxTurns());
    String base = "/api/sessions/" + s.id();
    return ResponseEntity.created(URI.create(base))
        .body(
            Map.of(
                "id",
                s.id(),
                "idea",
                s.interview().idea(),
                "questionEvents",
                base + "/turns/1/events",
                "session",
                base));
  }

  @Operation(summary = "List your sessions, newest first")
  @GetMapping
  List<SessionStore.Summary> list(@AuthenticationPrincipal SocraUser user) {
    return sessions.list(user);
  }

  @Operation(summary = "A session: the interview so far, scores, assumptions, stages done")
  @GetMapping("/{id}")
  Views.SessionView get(@AuthenticationPrincipal SocraUser user, @PathVariable String id) {
    return sessions.view(user, id);
  }

  @Operation(
      summary = "Delete a session and everything stored about it",
      description =
          "Its turns, scores, assumptions, stage results and usage are deleted; the attempt"
              + " ledger keeps what was spent, without the link to the session. 204; 404 for a"
              + " session that is not yours; 409 while a question is written or the plan built.")
  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@AuthenticationPrincipal SocraUser user, @PathVariable String id) {
    sessions.delete(user, id);
    return ResponseEntity.noContent().build();
  }

  @Operation(
      summary = "Answer the open question",
      description =
          "Send the question's number with the answer (`question`: the open turn's number): an"
              + " answer without it is 400, and one for a question that is not waiting for an"
              + " answer (another client answered it, or the founder went back) is 409 with the"
              + " current question in `question` and `currentQuestion`; it is never filed under"
              + " another question. An answer sent after the question's `question` event, while"
              + " its quick replies are still written, waits for them. The answer is stored"
              + " first. The next question streams back as Server-Sent Events: `token` events"
              + " ({text}), a `question` event when its words are complete, then one `turn`"
              + " event with the question, scores, assumptions and quick-reply choices; `error`"
              + " if it could not be written. When the answer completes the interview, one"
              + " `complete` event is sent instead.")
  @PostMapping("/{id}/answers")
  void answer(
      @AuthenticationPrincipal SocraUser user,
      @PathVariable String id,
      @RequestBody Answer body,
      HttpServletResponse response)
      throws IOException {
    Optional<EventLog> next =
        sessions.answer(
            user, id, body == null ? null : body.question(), body == null ? null : body.answer());
    streamNext(user, id, next, response);
  }

  @Operation(
      summary = "Change the answer to question n",
      description =
          "Question n (already answered) gets the new answer; the turns after it are kept in the"
              + " session's `history`, and the next question is written again, streamed as for"
              + " an answer (or one `complete` event). 409 while a question is being written or"
              + " after the plan is built; 409 for a question with no answer yet.")
  @PutMapping("/{id}/turns/{n}/answer")
  void revise(
      @AuthenticationPrincipal SocraUser user,
      @PathVariable String id,
      @PathVariable int n,
      @RequestBody NewAnswer body,
      HttpServletResponse response)
      throws IOException {
    Optional<EventLog> next = sessions.revise(user, id, n, body == null ? null : body.answer());
    streamNext(user, id, next, response);
  }

  @Operation(
      summary = "Go back to question n",
      description =
          "Question n (already answered) is open again and the interview continues from there;"
              + " its answer and every later turn are kept in the session's `history`. Answer it"
              + " with POST /answers {question: n}. 409 while a question is being written or"
              + " after the plan is built.")
  @PostMapping("/{id}/turns/{n}/reopen")
  Views.SessionView reopen(
      @AuthenticationPrincipal SocraUser user, @PathVariable String id, @PathVariable int n) {
    sessions.reopen(user, id, n);
    return sessions.view(user, id);
  }

  @Operation(summary = "Rename a session", description = "`title`: 1 to 120 characters.")
  @PatchMapping(value = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  Views.SessionView rename(
      @AuthenticationPrincipal SocraUser user, @PathVariable String id, @RequestBody Rename body) {
    Object title = body == null ? null : body.title();
    if (title != null && !(title instanceof String)) {
      throw new InvalidInputException("'title' must be text: the session's new name.");
    }
    sessions.rename(user, id, (String) title);
    return sessions.view(user, id);
  }

  @Operation(
      summary = "Share a finished session through a read-only link",
      description =
          "Makes the link (replacing any earlier one) and returns it once: `{url, since}`. Anyone"
              + " with it sees the masterplan and the transcript, without an account, until it"
              + " is revoked. 409 until the plan is built.")
  @PostMapping("/{id}/share")
  ResponseEntity<Map<String, Object>> share(
      @AuthenticationPrincipal SocraUser user,
      @PathVariable String id,
      HttpServletRequest request) {
    String token = sessions.share(user, id);
    String url = address.of(token, request);
    return ResponseEntity.created(URI.create("/shared/" + token))
        .body(
            Map.of(
                "url",
                url,
                "since",
                sessions.shared(user, id).map(ShareLinks.Shared::since).orElseThrow()));
  }

  @Operation(summary = "Whether the session has a read-only link, and since when")
  @GetMapping("/{id}/share")
  Map<String, Object> shareState(@AuthenticationPrincipal SocraUser user, @PathVariable String id) {
    Optional<ShareLinks.Shared> shared = sessions.shared(user, id);
    return shared
        .<Map<String, Object>>map(x -> Map.of("shared", true, "since", x.since()))
        .orElse(Map.of("shared", false));
  }

  @Operation(
      summary = "Revoke the session's read-only link",
      description = "204; the link is 404 from now on.")
  @DeleteMapping("/{id}/share")
  ResponseEntity<Void> revokeShare(
      @AuthenticationPrincipal SocraUser user, @PathVariable String id) {
    sessions.revokeShare(user, id);
    return ResponseEntity.noContent().build();
  }

  private void streamNext(
      SocraUser user, String id, Optional<EventLog> next, HttpServletResponse response)
      throws IOException {
    if (next.isPresent()) {
      relay("question", next.get(), 0, response);
      return;
    }
    EventLog done = new EventLog();
    done.append("complete", SessionService.json(sessions.view(user, id)));
    done.close();
    SseStream.relay(done, 0, response);
  }

  @Operation(
      summary = "Follow (or rejoin) turn n's question as it is written",
      description =
          "Send Last-Event-ID (or ?lastEventId=) to get only what you missed. A finished turn"
              + " replays as its `turn` event.")
  @GetMapping("/{id}/turns/{n}/events")
  void turnEvents(
      @AuthenticationPrincipal SocraUser user,
      @PathVariable String id,
      @PathVariable int n,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    EventLog events = sessions.turnEvents(user, id, n);
    relay("question", events, SseStream.lastEventId(request), response);
  }

  @Operation(summary = "End the interview (the founder says enough)")
  @PostMapping("/{id}/end")
  Views.SessionView end(@AuthenticationPrincipal SocraUser user, @PathVariable String id) {
    sessions.end(user, id);
    return sessions.view(user, id);
  }

  @Operation(
      summary = "Run the pipeline: five specialists, synthesis, devil's advocate, tribunal, deck",
      description =
          "Starts it (or joins it when running) and streams `stage` events (queued, started,"
              + " reused, finished with provider, seconds and tokens, failed), then `done` or"
              + " `failed`. The pipeline keeps running when nobody watches; a failed one is"
              + " resumed from its last stored stage by posting again.")
  @PostMapping("/{id}/pipeline")
  void pipeline(
      @AuthenticationPrincipal SocraUser user,
      @PathVariable String id,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    EventLog events = sessions.runPipeline(user, id);
    relay("pipeline", events, SseStream.lastEventId(request), response);
  }

  @Operation(summary = "Follow (or rejoin) the pipeline's progress")
  @GetMapping("/{id}/pipeline/events")
  void pipelineEvents(
      @AuthenticationPrincipal SocraUser user,
      @PathVariable String id,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    EventLog events = sessions.pipelineEvents(user, id);
    relay("pipeline", events, SseStream.lastEventId(request), response);
  }

  @Operation(summary = "The architecture masterplan, as JSON or Markdown (?format=markdown)")
  @GetMapping("/{id}/masterplan")
  ResponseEntity<?> masterplan(
      @AuthenticationPrincipal SocraUser user,
      @PathVariable String id,
      @RequestParam(required = false) String format,
      HttpServletRequest request) {
    return result(
        user, id, Stage.SYNTHESIS, Masterplan.class, SessionMarkdown::masterplan, format, request);
  }

  @Operation(summary = "The tribunal's verdict with its rubric scores, as JSON or Markdown")
  @GetMapping("/{id}/verdict")
  ResponseEntity<?> verdict(
      @AuthenticationPrincipal SocraUser user,
      @PathVariable String id,
      @RequestParam(required = false) String format,
      HttpServletRequest request) {
    return result(
        user, id, Stage.TRIBUNAL, Verdict.class, SessionMarkdown::verdict, format, request);
  }

  @Operation(summary = "The devil's advocate's case against, as JSON or Markdown")
  @GetMapping("/{id}/critique")
  ResponseEntity<?> critique(
      @AuthenticationPrincipal SocraUser user,
      @PathVariable String id,
      @RequestParam(required = false) String format,
      HttpServletRequest request) {
    return result(
        user,
        id,
        Stage.DEVILS_ADVOCATE,
        Critique.class,
        SessionMarkdown::critique,
        format,
        request);
  }

  @Operation(summary = "The pitch-deck outline, as JSON or Markdown")
  @GetMapping("/{id}/deck")
  ResponseEntity<?> deck(
      @AuthenticationPrincipal SocraUser user,
      @PathVariable String id,
      @RequestParam(required = false) String format,
      HttpServletRequest request) {
    return result(user, id, Stage.DECK, DeckOutline.class, SessionMarkdown::deck, format, request);
  }

  @Operation(summary = "The whole session as one Markdown document (for download)")
  @GetMapping(value = "/{id}/report", produces = "text/markdown")
  ResponseEntity<String> report(@AuthenticationPrincipal SocraUser user, @PathVariable String id) {
    Session s = sessions.load(user, id);
    return ResponseEntity.ok()
        .contentType(MARKDOWN)
        .header(
            "Content-Disposition",
            org.springframework.http.ContentDisposition.attachment()
                .filename(sessions.fileName(s))
                .build()
                .toString())
        .body(SessionMarkdown.render(s));
  }

  @Operation(summary = "Tokens and cost by stage, with totals and by provider")
  @GetMapping("/{id}/usage")
  UsageReport.Usage usage(@AuthenticationPrincipal SocraUser user, @PathVariable String id) {
    return usage.of(sessions.load(user, id));
  }

  static final MediaType MARKDOWN =
      new MediaType("text", "markdown", java.nio.charset.StandardCharsets.UTF_8);

  private <T> ResponseEntity<?> result(
      SocraUser user,
      String id,
      Stage stage,
      Class<T> type,
      Function<T, String> markdown,
      String format,
      HttpServletRequest request) {
    Session s = sessions.load(user, id);
    T value = s.result(stage, type);
    if (value == null) {
      ProblemDetail p =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.NOT_FOUND,
              "not ready: the "
                  + stage.label().toLowerCase(java.util.Locale.ROOT)
                  + " stage has not finished (session status: "
                  + sessions.status(id).id()
                  + ")");
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(p);
    }
    String accept = request.getHeader("Accept");
    boolean md =
        "markdown".equalsIgnoreCase(format)
            || "md".equalsIgnoreCase(format)
            || (format == null && accept != null && accept.contains("text/markdown"));
    if (md) {
      return ResponseEntity.ok().contentType(MARKDOWN).body(markdown.apply(value));
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(value);
  }

  @ExceptionHandler(SessionNotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(SessionNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(SessionConflictException.class)
  ResponseEntity<ProblemDetail> conflict(SessionConflictException e) {
    ResponseEntity<ProblemDetail> r = problem(HttpStatus.CONFLICT, e.getMessage());
    if (e instanceof AnswerConflictException a) {
      r.getBody().setProperty("question", a.current() == 0 ? null : a.current());
      r.getBody().setProperty("currentQuestion", a.currentQuestion());
    }
    return r;
  }

  @ExceptionHandler(IllegalStateException.class)
  ResponseEntity<ProblemDetail> illegalState(IllegalStateException e) {
    return problem(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<ProblemDetail> invalid(InvalidInputException e) {
    return problem(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  /** Problem JSON even on an SSE endpoint: the stream has not started when these are thrown. */
  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(status, detail));
  }
}
