package dev.socra.server.errors;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every error that reaches the servlet container's error page (an address with nothing at it, a
 * filter's refusal, Spring's own) is answered like the others: problem details under {@code /api}
 * and {@code /actuator}, OpenAI's shape under {@code /v1}, the friendly page for a browser. In
 * Socra's words; Spring's default error body (its timestamp, its path, its wording) never shows.
 */
@Controller
class ErrorEndpoint implements ErrorController {
  private final ErrorAttributes attributes;
  private final List<ErrorViewResolver> pages;

  ErrorEndpoint(ErrorAttributes attributes, List<ErrorViewResolver> pages) {
    this.attributes = attributes;
    this.pages = pages;
  }

  @RequestMapping("${server.error.path:/error}")
  Object error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 500;
    HttpStatus known = HttpStatus.resolve(status);
    Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path =
        (original instanceof String s ? s : request.getRequestURI())
            .substring(request.getContextPath().length());
    boolean gateway = path.startsWith("/v1/");
    boolean api =
        path.startsWith("/api/")
            || path.startsWith("/actuator/")
            || request.getHeader("Authorization") != null
            || request.getHeader("HX-Request") != null;
    if (!gateway && !api) {
      for (ErrorViewResolver r : pages) {
        ModelAndView page =
            r.resolveErrorView(
                request, known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known, Map.of());
        if (page != null) {
          return page;
        }
      }
    }
    String detail = detail(request, status, path);
    return ResponseEntity.status(status)
        .contentType(gateway ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_PROBLEM_JSON)
        .body(
            gateway
                ? ErrorBodies.gateway(path, status, null, null, detail)
                : ErrorBodies.problem(status, detail));
  }

  private String detail(HttpServletRequest request, int status, String path) {
    if (request.getAttribute(ErrorBodies.PAGE_DETAIL) instanceof String d) {
      return d;
    }
    Throwable error = attributes.getError(new ServletWebRequest(request));
    if (error instanceof Exception e) {
      String words = FrameworkErrors.words(e, path);
      if (words != null) {
        return words;
      }
    }
    if (status == 404) {
      return "there is nothing at this address";
    }
    if (status == 401) {
      return "sign in first: send 'Authorization: Bearer <your Socra API token>'";
    }
    if (status == 403) {
      return "not allowed for this user";
    }
    return ConnectorErrors.detail(status);
  }
}
