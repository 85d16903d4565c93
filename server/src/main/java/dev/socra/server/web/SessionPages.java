package dev.socra.server.web;

import dev.socra.core.idea.InputLimits;
import dev.socra.core.idea.InvalidInputException;
import dev.socra.core.interview.Interview;
import dev.socra.core.session.Session;
import dev.socra.server.account.SocraUser;
import dev.socra.server.sessions.SessionService;
import dev.socra.server.store.SessionStatus;
import dev.socra.server.store.SessionStore;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
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
  record Line(SessionStore.Summary summary, String href, String action, String statusLabel) {
    /** "Test", for the verdict's badge; null before the verdict. */
    public String decisionLabel() {
      return summary.decision() == null
          ? null
          : dev.socra.core.pipeline.Decision.valueOf(
                  summary.decision().toUpperCase(java.util.Locale.ROOT))
              .label();
    }

    /** What the verdict means, as the rubric says, for the badge's title. */
    public String decisionMeaning() {
      return summary.decision() == null
          ? null
          : dev.socra.core.pipeline.Decision.valueOf(
                  summary.decision().toUpperCase(java.util.Locale.ROOT))
              .explanation();
    }
  }

  @GetMapping("/sessions")
  String list(@AuthenticationPrincipal SocraUser user, Model model) {
    List<Line> lines =
        sessions.list(user).stream().map(s -> line(s, SessionStatus.of(s.status()))).toList();
    model.addAttribute("lines", lines);
    return "sessions";
  }

  @GetMapping("/sessions/new")
  String newSession(Model model, HttpServletResponse response) {
    // Not from the cache after "back": the page comes with a fresh form key and an empty box.
    response.setHeader("Cache-Control", "no-store");
    if (!model.containsAttribute("formKey")) {
      model.addAttribute("formKey", UUID.randomUUID().toString());
    }
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

  /**
   * A new session from the form. The form's random key makes sending it twice (back, then "Start"
   * again) lead to the session it made instead of a second one.
   */
  @PostMapping("/sessions")
  String create(
      @AuthenticationPrincipal SocraUser user,
      @RequestParam(defaultValue = "") String idea,
      @RequestParam(required = false) Integer maxTurns,
      @RequestParam(required = false) String formKey,
      Model model,
      HttpServletResponse response) {
    try {
      Session s = sessions.create(user, idea, maxTurns, formKey);
      return "redirect:/sessions/" + s.id();
    } catch (InvalidInputException e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("problem", e.getMessage());
      model.addAttribute("idea", idea);
      model.addAttribute("maxTurns", maxTurns == null ? Interview.DEFAULT_MAX_TURNS : maxTurns);
      model.addAttribute("formKey", formKey);
      return newSession(model, response);
    }
  }

  /** The founder names a session; back to where they renamed it (the list or the masterplan). */
  @PostMapping("/sessions/{id}/rename")
  String rename(
      @AuthenticationPrincipal SocraUser user,
      @PathVariable String id,
      @RequestParam(defaultValue = "") String title,
      @RequestParam(required = false) String from) {
    sessions.rename(user, id, title);
    return "masterplan".equals(from)
        ? "redirect:/sessions/" + id + "/masterplan"
        : "redirect:/sessions#session-" + id;
  }

  /** The interview while it runs; afterwards the pipeline or the masterplan. */
  @GetMapping("/sessions/{id}")
  String session(@AuthenticationPrincipal SocraUser user, @PathVariable String id, Model model) {
    Session s = sessions.load(user, id);
    SessionStatus status = sessions.status(id);
    if (status != SessionStatus.INTERVIEW) {
      return "redirect:" + next(id, status);
    }
    model.addAttribute("view", InterviewView.of(s, sessions.title(s)));
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
