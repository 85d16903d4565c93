package dev.socra.server.account;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * What the sign-in form gets when sign-in fails: a wrong password goes back to the form ({@code
 * /signin?error}); a closed sign-in is 429 and a server too busy to check is 503, each with {@code
 * Retry-After} and the sign-in page saying when to try again.
 */
public final class SignInFailures implements AuthenticationFailureHandler {
  /**
   * Request attributes the page reads: seconds to wait, and why ({@code throttled}, {@code busy}).
   */
  public static final String WAIT_SECONDS = "socra.signin.wait";

  public static final String WAIT_REASON = "socra.signin.reason";
  public static final String WAIT_PAGE = "/signin/wait";

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException, ServletException {
    switch (failure) {
      case SignInThrottledException t ->
          wait(request, response, 429, t.retryAfterSeconds(), "throttled");
      case SignInBusyException b -> wait(request, response, 503, b.retryAfterSeconds(), "busy");
      default -> response.sendRedirect(request.getContextPath() + "/signin?error");
    }
  }

  private static void wait(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      long seconds,
      String reason)
      throws IOException, ServletException {
    response.setStatus(status);
    response.setHeader("Retry-After", Long.toString(seconds));
    request.setAttribute(WAIT_SECONDS, seconds);
    request.setAttribute(WAIT_REASON, reason);
    request.getRequestDispatcher(WAIT_PAGE).forward(request, response);
  }
}
