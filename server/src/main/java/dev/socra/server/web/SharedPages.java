package dev.socra.server.web;

import dev.socra.core.session.Session;
import dev.socra.server.sessions.SessionNotFoundException;
import dev.socra.server.sessions.SessionService;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * A session shared through its read-only link: the verdict, the masterplan and the transcript, for
 * anyone with the link and no account. Nothing of its owner is shown (no name, no account, no
 * controls), search engines are asked not to index it, the address never leaves in a referrer, and
 * a revoked or wrong link is "not found".
 */
@Controller
class SharedPages {
  private final SessionService sessions;
  private final PageAdvice pages;

  SharedPages(SessionService sessions, PageAdvice pages) {
    this.sessions = sessions;
    this.pages = pages;
  }

  @GetMapping("/shared/{token}")
  String page(@PathVariable String token, Model model, HttpServletResponse response) {
    keepPrivate(response);
    Session s = sessions.openShared(token);
    MasterplanPages.document(s, model);
    model.addAttribute("token", token);
    model.addAttribute("noindex", true);
    return "shared";
  }

  @GetMapping("/shared/{token}/report.md")
  ResponseEntity<String> download(@PathVariable String token, HttpServletResponse response) {
    keepPrivate(response);
    Session s = sessions.openShared(token);
    return MasterplanPages.markdown(s, sessions.fileName(s));
  }

  /** Not indexed, not cached, and the link itself never sent on as a referrer. */
  private static void keepPrivate(HttpServletResponse response) {
    response.setHeader("X-Robots-Tag", "noindex, nofollow, noarchive");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
  }

  @ExceptionHandler(SessionNotFoundException.class)
  ModelAndView notFound(HttpServletResponse response) {
    keepPrivate(response);
    return pages.problem(
        HttpStatus.NOT_FOUND,
        "This link leads nowhere",
        "It may be mistyped, or whoever shared it has stopped sharing it.");
  }
}
