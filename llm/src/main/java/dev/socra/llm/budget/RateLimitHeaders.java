package dev.socra.llm.budget;

import dev.socra.llm.outcome.Durations;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the limits a provider announces in its response headers. Malformed values are skipped. */
public final class RateLimitHeaders {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimitHeaders.class);

  /** Anthropic rounds the tokens left to the nearest thousand. */
  static final long ANTHROPIC_ROUNDING = 1000;

  private RateLimitHeaders() {}

  public static List<LimitObservation> parse(
      HttpHeaders headers, HeaderDialect dialect, Clock clock) {
    List<LimitObservation> out = new ArrayList<>();
    if (headers == null) {
      return out;
    }
    switch (dialect) {
      case OPENAI, GROQ -> {
        Dimension requests =
            dialect == HeaderDialect.GROQ
                ? Dimension.REQUESTS_PER_DAY
                : Dimension.REQUESTS_PER_MINUTE;
        xRateLimit(headers, "requests", requests, clock).ifPresent(out::add);
        xRateLimit(headers, "tokens", Dimension.TOKENS_PER_MINUTE, clock).ifPresent(out::add);
      }
      case ANTHROPIC -> {
        anthropic(headers, "requests", Dimension.REQUESTS_PER_MINUTE, 0).ifPresent(out::add);
        // token figures left are "rounded to the nearest thousand"
        // (docs.anthropic.com/en/api/rate-limits#response-headers, read 2026-11-01)
        anthropic(headers, "input-tokens", Dimension.INPUT_TOKENS_PER_MINUTE, ANTHROPIC_ROUNDING)
            .ifPresent(out::add);
        anthropic(headers, "output-tokens", Dimension.OUTPUT_TOKENS_PER_MINUTE, ANTHROPIC_ROUNDING)
            .ifPresent(out::add);
      }
    }
    return out;
  }

  private static Optional<LimitObservation> xRateLimit(
      HttpHeaders h, String what, Dimension dimension, Clock clock) {
    long limit = number(h, "x-ratelimit-limit-" + what);
    long remaining = number(h, "x-ratelimit-remaining-" + what);
    Instant reset = null;
    Optional<String> resetText = h.firstValue("x-ratelimit-reset-" + what);
    if (resetText.isPresent()) {
      Optional<Duration> d = Durations.parseGo(resetText.get());
      if (d.isPresent()) {
        reset = clock.instant().plus(d.get());
      } else {
        LOG.warn("ignoring malformed x-ratelimit-reset-{}: '{}'", what, resetText.get());
      }
    }
    return observation(dimension, limit, remaining, reset);
  }

  private static Optional<LimitObservation> anthropic(
      HttpHeaders h, String what, Dimension dimension, long rounding) {
    String prefix = "anthropic-ratelimit-" + what + "-";
    long limit = number(h, prefix + "limit");
    long remaining = number(h, prefix + "remaining");
    Instant reset = null;
    Optional<String> resetText = h.firstValue(prefix + "reset");
    if (resetText.isPresent()) {
      try {
        reset = OffsetDateTime.parse(resetText.get().strip()).toInstant();
      } catch (DateTimeParseException e) {
        LOG.warn("ignoring malformed {}reset: '{}'", prefix, resetText.get());
      }
    }
    return observation(dimension, limit, remaining, reset, rounding);
  }

  private static Optional<LimitObservation> observation(
      Dimension dimension, long limit, long remaining, Instant reset) {
    return observation(dimension, limit, remaining, reset, 0);
  }

  private static Optional<LimitObservation> observation(
      Dimension dimension, long limit, long remaining, Instant reset, long rounding) {
    if (limit < 0 && remaining < 0) {
      return Optional.empty();
    }
    return Optional.of(new LimitObservation(dimension, limit, remaining, reset, rounding));
  }

  /** A non-negative whole number, or -1 when absent or malformed. */
  private static long number(HttpHeaders h, String name) {
    Optional<String> v = h.firstValue(name);
    if (v.isEmpty()) {
      return -1;
    }
    try {
      long n = Long.parseLong(v.get().strip());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the warning
    }
    LOG.warn("ignoring malformed {}: '{}'", name, v.get());
    return -1;
  }
}
