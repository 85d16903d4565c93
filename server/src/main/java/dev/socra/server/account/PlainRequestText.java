package dev.socra.server.account;

import dev.socra.core.idea.PlainText;
import dev.socra.server.errors.ErrorBodies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The address and the parameters of every request (query and form fields) are plain text: a control
 * character in them is a 400 naming where it is, the same on every database (PostgreSQL cannot
 * compare text holding U+0000, so a NUL in a session id or a sign-in name would otherwise fail
 * there and not on H2). Form values may hold line breaks and tabs; names and the path may not. JSON
 * bodies are checked field by field where they are read ({@code InputLimits}, {@code Users}, {@code
 * ApiTokens}); the gateway passes a conversation's content on to the provider as it is.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 21)
class PlainRequestText extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String problem = problem(request);
    if (problem != null) {
      ErrorBodies.write(
          request,
          response,
          HttpServletResponse.SC_BAD_REQUEST,
          "invalid_request_error",
          "invalid_text",
          problem);
      return;
    }
    chain.doFilter(request, response);
  }

  private static String problem(HttpServletRequest request) {
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    String p = PlainText.problem("The address", path, false);
    if (p != null) {
      return p;
    }
    for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
      p = PlainText.problem("A parameter's name", e.getKey(), false);
      if (p != null) {
        return p;
      }
      for (String v : e.getValue()) {
        p = PlainText.problem("The parameter '" + printable(e.getKey()) + "'", v, true);
        if (p != null) {
          return p;
        }
      }
    }
    return null;
  }

  /** A parameter name as a message may quote it: short, and already checked to be plain. */
  private static String printable(String name) {
    return name.length() <= 40 ? name : name.substring(0, 40) + "…";
  }
}
