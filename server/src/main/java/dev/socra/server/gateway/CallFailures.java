package dev.socra.server.gateway;

import dev.socra.llm.Attempt;
import dev.socra.llm.LlmCallException;
import dev.socra.llm.outcome.Outcome;
import java.util.List;

/**
 * What a failed router call looks like to an OpenAI client: the status and error code that say who
 * can fix it, with the router's own message (the real cause, provider's reason included, keys
 * already scrubbed). The table, with reasons, is in docs/gateway.md.
 */
final class CallFailures {
  private CallFailures() {}

  static GatewayException of(LlmCallException e) {
    GatewayException g = mapped(e);
    // The router says when every target was only cooling down; clients (OpenAI's SDKs among
    // them) wait that long before they retry.
    return e.retryAfter()
        .map(d -> g.retryAfter(Math.max(1, (d.toMillis() + 999) / 1000)))
        .orElse(g);
  }

  private static GatewayException mapped(LlmCallException e) {
    String m = e.getMessage();
    return switch (e.failure()) {
      case NO_SUCH_ROUTE -> notFound(m);
      case REFUSED -> new GatewayException(400, "invalid_request_error", "refused", null, m);
      case CONTEXT_TOO_LONG ->
          new GatewayException(
              400, "invalid_request_error", "context_length_exceeded", "messages", m);
      case EXCEEDS_EVERY_BUDGET -> tooLarge(m);
      case STREAM_INTERRUPTED ->
          new GatewayException(502, "server_error", "stream_interrupted", null, m);
      // The client went away; nobody reads this, but the status is the one proxies log for it.
      case CALLER_ABORTED -> new GatewayException(499, "server_error", "client_closed", null, m);
      // The server stopped the call (shutting down, say): another server, or a retry, will do.
      case INTERRUPTED -> new GatewayException(503, "server_error", "interrupted", null, m);
      case SPEND_LIMIT ->
          new GatewayException(429, "insufficient_quota", "daily_spend_cap", null, m);
      // The budgets the servers share are out of reach: nothing was sent; Retry-After says when.
      case BUDGETS_UNAVAILABLE ->
          new GatewayException(503, "server_error", "budgets_unavailable", null, m);
      case ALL_TARGETS_FAILED, ATTEMPTS_EXHAUSTED, DEADLINE_EXCEEDED -> byCause(e, m);
    };
  }

  static GatewayException notFound(String message) {
    return new GatewayException(404, "invalid_request_error", "model_not_found", "model", message);
  }

  private static GatewayException tooLarge(String m) {
    return new GatewayException(413, "invalid_request_error", "request_too_large", null, m);
  }

  /** No target answered: the attempts say whether waiting, a smaller request or an admin helps. */
  private static GatewayException byCause(LlmCallException e, String m) {
    List<Attempt> attempts = e.attempts();
    int limited = 0;
    int quota = 0;
    int tooLarge = 0;
    int context = 0;
    int other = 0;
    boolean tried = false;
    for (Attempt a : attempts) {
      tried |= a.number() > 0;
      switch (a.outcome()) {
        case Outcome.RateLimited r -> limited++;
        case Outcome.QuotaExhausted q -> quota++;
        case Outcome.TooLarge t -> tooLarge++;
        case Outcome.ContextTooLong c -> context++;
        case Outcome.Abandoned a2 -> {}
        case Outcome.Skipped s -> {
          if (rateLimitSkip(s.detail())) {
            limited++;
          } else if (s.detail().contains("(quota exhausted)")) {
            quota++;
          } else if (s.detail().contains("context window")) {
            context++;
          } else {
            other++;
          }
        }
        default -> other++;
      }
    }
    // The client gets a limit's status only when limits are all that stood in the way: rate limits
    // (waiting helps) before sizes (only a smaller request helps); any other failure on the way
    // means the route itself failed.
    boolean only = other == 0;
    if (only && quota > 0 && limited == 0) {
      return new GatewayException(429, "insufficient_quota", "insufficient_quota", null, m);
    }
    if (only && limited + quota > 0) {
      return new GatewayException(429, "rate_limit_error", "rate_limit_exceeded", null, m);
    }
    if (only && tooLarge + context > 0) {
      return context > 0 && tooLarge == 0
          ? new GatewayException(
              400, "invalid_request_error", "context_length_exceeded", "messages", m)
          : tooLarge(m);
    }
    if (e.failure() == LlmCallException.Failure.DEADLINE_EXCEEDED) {
      return new GatewayException(504, "server_error", "deadline_exceeded", null, m);
    }
    return tried
        ? new GatewayException(502, "server_error", "upstream_failed", null, m)
        : new GatewayException(503, "server_error", "upstream_unavailable", null, m);
  }

  /**
   * A target skipped because it is rate limited: cooling down after a 429, or no room in its budget
   * (the router's own rate limit). The router states this only in the skip's text, in
   * TargetHealth.admit and Call.tryTarget.
   */
  private static boolean rateLimitSkip(String detail) {
    return detail.startsWith("budget:") || detail.contains("(rate limited)");
  }
}
