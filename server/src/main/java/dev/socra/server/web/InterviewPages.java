package dev.socra.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.core.idea.InvalidInputException;
import dev.socra.core.session.Session;
import dev.socra.server.account.SocraUser;
import dev.socra.server.live.EventLog;
import dev.socra.server.live.SseStream;
import dev.socra.server.sessions.AnswerConflictException;
import dev.socra.server.sessions.SessionConflictException;
import dev.socra.server.sessions.SessionService;
import dev.socra.server.store.SessionStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

/**
 * The interrogation: answers posted by htmx, each question streamed into the page as it is written,
 * changing an answer or going back to an earlier question, and "enough, build my plan".
 *
 * <p>The stream carries the question's words as text; when they are complete it says so ({@code
 * question}) and the page opens the answer box at once, while the quick replies are still being
 * written. When the turn is stored ({@code turn}) the page fetches it ({@code /current}) as an
 * ordinary fragment, with the quick replies and the updated scores and assumptions; the answer box
 * and whatever the founder typed in it are kept ({@code hx-preserve}).
 */
@Controller
class InterviewPages {
  /**
   * Marks a fragment htmx swaps in whatever its status (a refused answer is 400 or 409 and still
   * shows the page's current question with the founder's text); {@code socra.js} reads it.
   */
  static final String FRAGMENT = "Socra-Fragment";

  private final SessionService sessions;
  private final StreamFragments fragments;
  private final ObjectMapper json;

  InterviewPages(SessionService sessions, StreamFragments fragments, ObjectMapper json) {
    this.sessions = sessions;
    this.fragments = fragments;
    this.json = json;
  }

  /** The current turn with the scores and assumptions beside it (swapped out of band). */
  @GetMapping("/sessions/{id}/current")
  String current(@AuthenticationPrincipal SocraUser user, @PathVariable String id, Model model) {
    Session s = sessions.load(user, id);
    if (sessions.status(id) != SessionStatus.INTERVIEW) {
      model.addAttribute("next", SessionPages.next(id, sessions.status(id)));
      return "interview-parts :: moved-on";
    }
    model.addAttribute("view", InterviewView.of(s, sessions.title(s)));
    return "interview-parts :: update";
  }

  /**
   * An answer to the question numbered {@code question}. One meant for a question that is no longer
   * open (another tab answered it) is refused (409) and the page shows the current question with
   * the founder's text kept in its answer box.
   */
  @PostMapping("/sessions/{id}/answers")
  String answer(
      @AuthenticationPrincipal SocraUser user,
      @PathVariable String id,
      @RequestParam(defaultValue = "") String answer,
      @RequestParam(required = false) String question,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Model model,
      HttpServletResponse response) {
    sessions.load(user, id);
    HttpStatus status = null;
    try {
      sessions.answer(user, id, number(question), answer);
    } catch (InvalidInputException e) {
      status = HttpStatus.BAD_REQUEST;
      model.addAttribute("problem", e.getMessage());
    } catch (AnswerConflictException e) {
      status = HttpStatus.CONFLICT;
      model.addAttribute("problem", stale(e, number(question)));
    } catch (SessionConflictException e) {
      status = HttpStatus.CONFLICT;
      model.addAttribute("problem", PageAdvice.capitalised(e.getMessage()) + ".");
    }
    if (status == null && htmx == null) {
      return "redirect:/sessions/" + id;
    }
    if (status != null) {
      response.setStatus(status.value());
      model.addAttribute("draft", answer);
    }
    return htmx == null ? page(user, id, model) : fragment(user, id, model, response);
  }

  /**
   * The founder changes the answer to question {@code n}: the later turns are set aside (kept as
   * history) and the next question is written again. A plain form: the page is loaded afresh.
   */
  @PostMapping("/sessions/{id}/turns/{n}/answer")
  String revise(
      @AuthenticationPrincipal SocraUser user,
      @PathVariable String id,
      @PathVariable int n,
      @RequestParam(defaultValue = "") String answer,
      Model model,
      HttpServletResponse response) {
    try {
      sessions.revise(user, id, n, answer);
      return "redirect:/sessions/" + id;
    } catch (InvalidInputException e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("pageProblem", e.getMessage());
    } catch (SessionConflictException | IllegalStateException e) {
      response.setStatus(HttpStatus.CONFLICT.value());
      model.addAttribute("pageProblem", PageAdvice.capitalised(e.getMessage()) + ".");
    }
    model.addAttribute("revising", n);
    model.addAttribute("revisedDraft", answer);
    return page(user, id, model);
  }

  /**
   * The founder goes back to question {@code n} without an answer yet: it is open again, with their
   * earlier answer to start from.
   */
  @PostMapping("/sessions/{id}/turns/{n}/reopen")
  String reopen(
      @AuthenticationPrincipal SocraUser user,
      @PathVariable String id,
      @PathVariable int n,
      Model model,
      HttpServletResponse response) {
    try {
      sessions.reopen(user, id, n);
      return "redirect:/sessions/" + id;
    } catch (SessionConflictException | IllegalStateException e) {
      response.setStatus(HttpStatus.CONFLICT.value());
      model.addAttribute("pageProblem", PageAdvice.capitalised(e.getMessage()) + ".");
      return page(user, id, model);
    }
  }

  private String page(SocraUser user, String id, Model model) {
    Session s = sessions.load(user, id);
    SessionStatus status = sessions.status(id);
    if (status != SessionStatus.INTERVIEW) {
      return "redirect:" + SessionPages.next(id, status);
    }
    model.addAttribute("view", InterviewView.of(s, sessions.title(s)));
    return "interview";
  }

  private String fragment(SocraUser user, String id, Model model, HttpServletResponse response) {
    response.setHeader(FRAGMENT, "true");
    Session s = sessions.load(user, id);
    SessionStatus status = sessions.status(id);
    if (status != SessionStatus.INTERVIEW) {
      model.addAttribute("next", SessionPages.next(id, status));
      return "interview-parts :: moved-on";
    }
    model.addAttribute("view", InterviewView.of(s, sessions.title(s)));
    return "interview-parts :: answered";
  }

  /** The refusal of an answer for a question no longer open, in the founder's words. */
  private static String stale(AnswerConflictException e, Integer answered) {
    String mine = answered == null ? "an earlier question" : "question " + answered;
    if (e.current() == 0) {
      return PageAdvice.capitalised(e.getMessage()) + ". Your text is kept below.";
    }
    if (e.currentQuestion() == null) {
      return "Your answer was not sent: "
          + mine
          + " was already answered, perhaps in another tab, and question "
          + e.current()
          + " is being written now. Your text is kept below: send it when the question is"
          + " here, if it answers it.";
    }
    return "Your answer was not sent: "
        + mine
        + " was already answered, perhaps in another tab, and question "
        + e.current()
        + " is the one waiting now. Your text is kept below: send it if it answers this"
        + " question too.";
  }

  /** The form's question number; anything but a whole number is as if it were missing. */
  private static Integer number(String question) {
    if (question == null || !question.strip().matches("[0-9]{1,4}")) {
      return null;
    }
    return Integer.parseInt(question.strip());
  }

  /**
   * Turn n's question as it is written: text events, "question" when its words are complete (the
   * answer box opens), then "turn" (fetch it) or "problem".
   */
  @GetMapping("/sessions/{id}/turns/{n}/stream")
  void stream(
      @AuthenticationPrincipal SocraUser user,
      @PathVariable String id,
      @PathVariable int n,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    EventLog log = sessions.turnEvents(user, id, n);
    String current = request.getContextPath() + "/sessions/" + id + "/current";
    HtmlStream.relay(
        log,
        SseStream.lastEventId(request),
        response,
        e ->
            switch (e.name()) {
              case "token" ->
                  new EventLog.Event(
                      e.id(), "token", HtmlUtils.htmlEscape(read(e).path("text").asText("")));
              case "question" ->
                  new EventLog.Event(
                      e.id(), "question", fragments.render("question-written", Map.of("n", n)));
              case "turn" ->
                  new EventLog.Event(
                      e.id(), "turn", fragments.fetch(current, "#current", "outerHTML"));
              case "error" -> new EventLog.Event(e.id(), "problem", problem(read(e), current));
              default -> null;
            });
  }

  /** Enough: the interview ends (an open question is dropped) and the pipeline starts. */
  @PostMapping("/sessions/{id}/plan")
  String plan(@AuthenticationPrincipal SocraUser user, @PathVariable String id) {
    sessions.runPipeline(user, id);
    return "redirect:/sessions/" + id + "/pipeline";
  }

  private String problem(JsonNode error, String retryUrl) {
    return fragments.render(
        "turn-problem",
        Map.of(
            "headline",
            Messages.headline(
                error.path("failure").asText(""),
                error.path("message").asText(""),
                error.path("retryAfterSeconds").isNumber()
                    ? error.path("retryAfterSeconds").asLong()
                    : null),
            "detail",
            error.path("message").asText(""),
            "retryable",
            error.path("retryable").asBoolean(true),
            "url",
            retryUrl));
  }

  private JsonNode read(EventLog.Event e) {
    try {
      return json.readTree(e.data());
    } catch (IOException ex) {
      return json.createObjectNode();
    }
  }
}
