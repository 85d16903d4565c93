package dev.socra.server.web;

import dev.socra.core.idea.InputLimits;
import dev.socra.core.idea.InvalidInputException;
import dev.socra.core.interview.Interview;
import dev.socra.core.session.Session;
import dev.socra.server.account.SocraUser;
import dev.socra.server.sessions.SessionService;
import dev.socra.server.store.SessionStatus;
import dev.socra.server.store.SessionStore;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The founder's sessions: the list (resume any), a new idea, and the way into each session. */
@Controller
class SessionPages {
  private final SessionService sessions;

  SessionPages(SessionService sessions) {
    this.sessions = sessions;
  }

  /** A line of the list, with where "continue" leads for its status. */
  record Line(SessionStore.Summary summary, String href, String action, String statusLabel) {}

  @GetMapping("/sessions")
  String list(@AuthenticationPrincipal SocraUser user, Model model) {
    List<Line> lines =
        sessions.list(user).stream().map(s -> line(s, SessionStatus.of(s.status()))).toList();
    model.addAttribute("lines", lines);
    return "sessions";
  }

  @GetMapping("/sessions/new")
  String newSession(Model model) {
    model.addAttribute("ideaMin", InputLimits.IDEA_MIN);
    model.addAttribute("ideaMax", InputLimits.IDEA_MAX);
    model.addAttribute("defaultTurns", Interview.DEFAULT_MAX_TURNS);
    if (!model.containsAttribute("idea")) {
      model.addAttribute("idea", "");
    }
    if (!model.containsAttribute("maxTurns")) {
      model.addAttribute("maxTurns", Interview.DEFAULT_MAX_TURNS);
    }
    return "new-session";
  }

  @PostMapping("/sessions")
  String create(
      @AuthenticationPrincipal SocraUser user,
      @RequestParam(defaultValue = "") String idea,
      @RequestParam(required = false) Integer maxTurns,
      Model model) {
    try {
      Session s = sessions.create(user, idea, maxTurns);
      return "redirect:/sessions/" + s.id();
    } catch (InvalidInputException e) {
      model.addAttribute("problem", e.getMessage());
      model.addAttribute("idea", idea);
      model.addAttribute("maxTurns", maxTurns == null ? Interview.DEFAULT_MAX_TURNS : maxTurns);
      return newSession(model);
    }
  }

  /** The interview while it runs; afterwards the pipeline or the masterplan. */
  @GetMapping("/sessions/{id}")
  String session(@AuthenticationPrincipal SocraUser user, @PathVariable String id, Model model) {
    Session s = sessions.load(user, id);
    SessionStatus status = sessions.status(id);
    if (status != SessionStatus.INTERVIEW) {
      return "redirect:" + next(id, status);
    }
    model.addAttribute("view", InterviewView.of(s));
    return "interview";
  }

  /** Asks before deleting: a page, so it works without any script. */
  @GetMapping("/sessions/{id}/delete")
  String confirmDelete(
      @AuthenticationPrincipal SocraUser user, @PathVariable String id, Model model) {
    Session s = sessions.load(user, id);
    model.addAttribute("id", id);
    model.addAttribute("idea", s.interview().idea());
    return "delete-session";
  }

  @PostMapping("/sessions/{id}/delete")
  String delete(@AuthenticationPrincipal SocraUser user, @PathVariable String id) {
    sessions.delete(user, id);
    return "redirect:/sessions";
  }

  static String next(String id, SessionStatus status) {
    return switch (status) {
      case INTERVIEW -> "/sessions/" + id;
      case PIPELINE_RUNNING, PIPELINE_FAILED -> "/sessions/" + id + "/pipeline";
      case DONE -> "/sessions/" + id + "/masterplan";
    };
  }

  private static Line line(SessionStore.Summary s, SessionStatus status) {
    return switch (status) {
      case INTERVIEW -> new Line(s, next(s.id(), status), "Continue the interview", "Interview");
      case PIPELINE_RUNNING ->
          new Line(s, next(s.id(), status), "Watch the plan being built", "Building the plan");
      case PIPELINE_FAILED ->
          new Line(s, next(s.id(), status), "Resume the plan", "Plan interrupted");
      case DONE -> new Line(s, next(s.id(), status), "Open the masterplan", "Done");
    };
  }
}
