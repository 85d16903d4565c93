package dev.socra.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.core.idea.InvalidInputException;
import dev.socra.core.session.Session;
import dev.socra.server.account.SocraUser;
import dev.socra.server.live.EventLog;
import dev.socra.server.live.SseStream;
import dev.socra.server.sessions.SessionConflictException;
import dev.socra.server.sessions.SessionService;
import dev.socra.server.store.SessionStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
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
 * and "enough, build my plan".
 *
 * <p>The stream carries the question's words as text; when the question is complete it says so and
 * the page fetches the new turn ({@code /current}) as an ordinary fragment, with the quick replies,
 * the answer form and the updated scores and assumptions.
 */
@Controller
class InterviewPages {
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
    model.addAttribute("view", InterviewView.of(s));
    return "interview-parts :: update";
  }

  @PostMapping("/sessions/{id}/answers")
  String answer(
      @AuthenticationPrincipal SocraUser user,
      @PathVariable String id,
      @RequestParam(defaultValue = "") String answer,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Model model) {
    int before = sessions.load(user, id).interview().answered();
    try {
      sessions.answer(user, id, answer);
    } catch (InvalidInputException e) {
      model.addAttribute("problem", e.getMessage());
      model.addAttribute("draft", answer);
    } catch (SessionConflictException e) {
      model.addAttribute("problem", PageAdvice.capitalised(e.getMessage()) + ".");
    }
    if (htmx == null) {
      return "redirect:/sessions/" + id;
    }
    Session s = sessions.load(user, id);
    InterviewView view = InterviewView.of(s);
    model.addAttribute("view", view);
    model.addAttribute(
        "justAnswered",
        view.answered() > before ? view.answeredTurns().get(view.answered() - 1) : null);
    return "interview-parts :: answered";
  }

  /** Turn n's question as it is written: text events, then "turn" (fetch it) or "error". */
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
