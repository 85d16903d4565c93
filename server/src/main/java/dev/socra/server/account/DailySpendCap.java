package dev.socra.server.account;

import dev.socra.server.ServerSettings;
import dev.socra.server.errors.ErrorBodies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Each user's LLM spend per UTC day is capped at {@code SOCRA_USER_DAILY_USD} (0 = no cap). Checked
 * before every request that makes LLM calls (a POST under {@code /api/sessions} or the pages'
 * {@code /sessions}, a chat completion or a message under {@code /v1}): once the day's ledger
 * reaches the cap, 429 until 00:00 UTC. Within an admitted request, {@link SpendHolds} holds each
 * attempt's most possible cost, so that parallel requests cannot pass the cap by more than one
 * attempt's hold.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 20)
class DailySpendCap extends OncePerRequestFilter {
  private final BigDecimal cap;
  private final LlmSpend spend;

  DailySpendCap(ServerSettings settings, LlmSpend spend) {
    this.cap = settings.userDailyUsd();
    this.spend = spend;
  }

  /** Only requests that make LLM calls, and only when there is a cap. */
  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    if (cap.signum() == 0 || !"POST".equals(request.getMethod())) {
      return true;
    }
    String path = ErrorBodies.path(request);
    if (path.endsWith("/delete")) {
      return true; // deleting a session (the pages' form) costs nothing
    }
    return !under(path, "/api/sessions")
        && !under(path, "/sessions") // the pages' forms start and answer sessions too
        && !path.equals("/v1/chat/completions")
        && !path.equals("/v1/messages");
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    SocraUser user = CurrentUser.get();
    if (user == null) {
      chain.doFilter(request, response);
      return;
    }
    BigDecimal spent = spend.today(user.id());
    if (spent.compareTo(cap) < 0) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader("Retry-After", String.valueOf(spend.secondsUntilTomorrow()));
    ErrorBodies.write(
        request,
        response,
        429,
        "insufficient_quota",
        "daily_spend_cap",
        "daily LLM spend cap of $"
            + cap.toPlainString()
            + " reached; resets at 00:00 UTC (spent today: $"
            + spent.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
            + ")");
  }
}
