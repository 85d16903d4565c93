package dev.socra.server.cluster;

import dev.socra.server.errors.ErrorBodies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With several servers, a request that would start LLM calls (the same requests the daily cap
 * checks: a POST under {@code /api/sessions} or the pages' {@code /sessions}, a chat completion or
 * an Anthropic message) is refused with 503 and {@code Retry-After} while Redis is out of reach:
 * nobody could tell whether the call fits the provider's limits or the founder's cap. Everything
 * else (reading sessions, following streams, signing in) goes on from PostgreSQL. Calls already
 * running when Redis goes away end with {@code budgets-unavailable} at their next attempt; what
 * they stored stays stored, and the same request once Redis is back goes on from there.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 15)
class SharedStateGate extends OncePerRequestFilter {
  private final Redis redis;

  SharedStateGate(Redis redis) {
    this.redis = redis;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    if (!redis.enabled() || !"POST".equals(request.getMethod())) {
      return true;
    }
    String path = ErrorBodies.path(request);
    return !under(path, "/api/sessions")
        && !under(path, "/sessions")
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
    if (redis.up()) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader("Retry-After", String.valueOf(Redis.RETRY_AFTER.toSeconds()));
    ErrorBodies.write(
        request,
        response,
        503,
        "server_error",
        "shared_state_unavailable",
        "the state the Socra servers share (Redis) is out of reach, so no new LLM call is started;"
            + " try again in "
            + Redis.RETRY_AFTER.toSeconds()
            + " s (nothing stored was lost)");
  }
}
