package dev.socra.llm;

import dev.socra.llm.outcome.Outcome;
import dev.socra.llm.route.TargetId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * One try at one target, as the router made it.
 *
 * @param number 1-based position in the call; skipped targets get 0 since they cost nothing
 * @param httpStatus 0 when no response arrived
 * @param timeToFirstToken null when no content arrived
 * @param usage reported by the provider, or estimated (see {@link Usage#estimated()}); zero for a
 *     failure that produced nothing
 * @param cost in US dollars; zero unless the attempt produced tokens
 * @param continuation true when this attempt continued a stream another target had started
 */
public record Attempt(
    int number,
    TargetId target,
    Outcome outcome,
    int httpStatus,
    Instant startedAt,
    Duration latency,
    Duration timeToFirstToken,
    Usage usage,
    BigDecimal cost,
    boolean continuation) {

  /** One line for traces: {@code #2 groq/llama-3.1-8b-instant rate-limited 429 812ms ...}. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    s.append(number == 0 ? "-" : "#" + number).append(' ').append(target);
    s.append(' ').append(outcome.kind());
    if (httpStatus != 0) {
      s.append(' ').append(httpStatus);
    }
    if (number != 0) {
      s.append(' ').append(latency.toMillis()).append("ms");
    }
    if (timeToFirstToken != null) {
      s.append(" ttft=").append(timeToFirstToken.toMillis()).append("ms");
    }
    if (usage.total() > 0) {
      s.append(" tokens=").append(usage.inputTokens()).append('/').append(usage.outputTokens());
      if (usage.estimated()) {
        s.append("~");
      }
      s.append(" cost=$").append(cost.toPlainString());
    }
    if (continuation) {
      s.append(" (continued the stream)");
    }
    if (!outcome.isSuccess()) {
      s.append(" — ").append(outcome.detail());
    }
    return s.toString();
  }
}
