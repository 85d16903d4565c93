package dev.socra.server.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Replaces Spring's whitelabel page: every error a browser sees is the friendly {@code error}
 * template, with the page's usual header. Only the status decides the words; the exception's
 * message and stack trace are never shown.
 */
@Component
class ErrorPages implements ErrorViewResolver {
  private final PageAdvice pages;

  ErrorPages(PageAdvice pages) {
    this.pages = pages;
  }

  @Override
  public ModelAndView resolveErrorView(
      HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
    Map<String, Object> m = new HashMap<>();
    m.put("status", status.value());
    Object detail = request.getAttribute(dev.socra.server.errors.ErrorBodies.PAGE_DETAIL);
    if (detail instanceof String d) {
      // Words Socra wrote for a person (a limit reached), never an exception's message.
      m.put("detail", d);
      if (status.value() == 429) {
        m.put("title", "A limit was reached");
      }
    }
    m.put("me", pages.me());
    m.put("demoMode", pages.demoMode());
    return new ModelAndView("error", m, status);
  }
}
