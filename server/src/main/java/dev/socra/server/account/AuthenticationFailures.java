package dev.socra.server.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.server.errors.ErrorBodies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;

/**
 * What a request without valid credentials gets: programs a 401 in their API's error shape
 * (OpenAI's under {@code /v1}, RFC 9457 problem details under {@code /api}), people the sign-in
 * page.
 */
@Component
class AuthenticationFailures implements AuthenticationEntryPoint {
  private final ObjectMapper json = new ObjectMapper();
  private final LoginUrlAuthenticationEntryPoint page = signInPage();
  private final AccessDeniedHandlerImpl pageDenied = new AccessDeniedHandlerImpl();

  /** Sends people to the sign-in page by a relative address: never one built from the Host. */
  private static LoginUrlAuthenticationEntryPoint signInPage() {
    LoginUrlAuthenticationEntryPoint p = new LoginUrlAuthenticationEntryPoint("/signin");
    p.setFavorRelativeUris(true);
    return p;
  }

  /** Anthropic's SDKs send their key in this header. */
  static final String API_KEY = "x-api-key";

  boolean isApi(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return SecurityConfiguration.API_PREFIXES.stream().anyMatch(path::startsWith)
        || request.getHeader("Authorization") != null;
  }

  /**
   * A signed-in user who may not do this: the friendly page for people, 403 in the API's shape for
   * programs (a missing CSRF token, or a user who is not the admin).
   */
  void denied(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException, jakarta.servlet.ServletException {
    if (!isApi(request)) {
      pageDenied.handle(request, response, denied);
      return;
    }
    ErrorBodies.write(
        request,
        response,
        HttpServletResponse.SC_FORBIDDEN,
        "permission_error",
        "forbidden",
        denied instanceof CsrfException
            ? "the request has no valid CSRF token: a browser session sends the token of the page"
                + " it came from (header X-XSRF-TOKEN); a program sends its API token as"
                + " 'Authorization: Bearer' instead"
            : "not allowed for this user: only the server's admin may do this");
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException, jakarta.servlet.ServletException {
    if (!isApi(request)) {
      page.commence(request, response, failure);
      return;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean anthropic = ErrorBodies.isAnthropic(path);
    String reason =
        request.getHeader("Authorization") == null && request.getHeader(API_KEY) == null
            ? anthropic
                ? "no credentials: send 'x-api-key: <your Socra API token>'"
                : "no credentials: send 'Authorization: Bearer <your Socra API token>'"
            : failure.getMessage();
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("WWW-Authenticate", "Bearer realm=\"socra\"");
    if (anthropic) {
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      json.writeValue(response.getOutputStream(), ErrorBodies.anthropic(401, reason));
    } else if (path.startsWith("/v1/")) {
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      json.writeValue(
          response.getOutputStream(),
          Map.of(
              "error",
              Map.of(
                  "message", reason,
                  "type", "invalid_request_error",
                  "code", "invalid_api_key")));
    } else {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      json.writeValue(
          response.getOutputStream(),
          Map.of("title", "Unauthorized", "status", 401, "detail", reason));
    }
  }
}
