package dev.socra.server.web;

import dev.socra.core.idea.InvalidInputException;
import dev.socra.llm.Router;
import dev.socra.server.account.SocraUser;
import dev.socra.server.sessions.SessionConflictException;
import dev.socra.server.sessions.SessionNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page knows (who is signed in, whether the server runs in demo mode) and how the pages
 * answer what went wrong: a page a person can act on, never a stack trace.
 */
@ControllerAdvice(basePackageClasses = PageAdvice.class)
class PageAdvice {
  private final Router router;

  PageAdvice(Router router) {
    this.router = router;
  }

  @ModelAttribute("me")
  SocraUser me() {
    Authentication a = SecurityContextHolder.getContext().getAuthentication();
    return a != null && a.getPrincipal() instanceof SocraUser u ? u : null;
  }

  @ModelAttribute("demoMode")
  boolean demoMode() {
    return router.describe().demoMode();
  }

  /** What a real model adds, for the demo notices. */
  @ModelAttribute("realModelAdds")
  String realModelAdds() {
    return dev.socra.core.report.SessionMarkdown.REAL_MODEL_ADDS;
  }

  /** Another user's session looks exactly like one that does not exist. */
  @ExceptionHandler(SessionNotFoundException.class)
  ModelAndView notFound() {
    return problem(
        HttpStatus.NOT_FOUND,
        "Session not found",
        "There is no session at this address, or it belongs to someone else.");
  }

  @ExceptionHandler(SessionConflictException.class)
  ModelAndView conflict(SessionConflictException e) {
    return problem(HttpStatus.CONFLICT, "Not just now", capitalised(e.getMessage()) + ".");
  }

  @ExceptionHandler(InvalidInputException.class)
  ModelAndView invalid(InvalidInputException e) {
    return problem(HttpStatus.BAD_REQUEST, "That did not work", e.getMessage());
  }

  ModelAndView problem(HttpStatus status, String title, String detail) {
    ModelAndView m = new ModelAndView("error", status);
    m.addObject("me", me());
    m.addObject("demoMode", demoMode());
    m.addObject("realModelAdds", realModelAdds());
    m.addObject("status", status.value());
    m.addObject("title", title);
    m.addObject("detail", detail);
    return m;
  }

  static String capitalised(String s) {
    return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
