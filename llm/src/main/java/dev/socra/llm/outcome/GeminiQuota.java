package dev.socra.llm.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Gemini's {@code RESOURCE_EXHAUSTED} is a rate limit only when its quota is per minute. A spent
 * per-day quota ({@code quotaId: GenerateRequestsPerDayPerProjectPerModel-FreeTier}) lasts until
 * the day's reset at midnight Pacific time, and {@code limit: 0} means the model is not on the
 * account's tier at all: both are quota exhaustion, not a wait of {@code retryDelay} seconds
 * (ai.google.dev/gemini-api/docs/rate-limits, read 2026-11-01; the error shape as reported in
 * github.com/google-gemini/gemini-cli/issues/22486).
 */
final class GeminiQuota {
  private static final Pattern LIMIT_ZERO = Pattern.compile("limit: 0\\b");
  private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

  private GeminiQuota() {}

  /** The quota outcome this error is, when it is one; empty for a per-minute rate limit. */
  static Optional<Outcome> exhausted(ProviderError error, Clock clock, String detail) {
    if (error == null || !error.typeContains("RESOURCE_EXHAUSTED")) {
      return Optional.empty();
    }
    if (LIMIT_ZERO.matcher(error.message()).find()) {
      // not on this tier: no wait makes it so; check again after a day
      return Optional.of(
          new Outcome.QuotaExhausted(
              detail + " (the model is not on this account's tier: limit 0)",
              Optional.of(Duration.ofDays(1))));
    }
    if (perDay(error.body())) {
      Duration untilReset = untilMidnightPacific(clock);
      Duration stated = RetryAfter.fromBody(error.body()).orElse(Duration.ZERO);
      return Optional.of(
          new Outcome.QuotaExhausted(
              detail + " (a per-day quota, reset at midnight Pacific time)",
              Optional.of(stated.compareTo(untilReset) > 0 ? stated : untilReset)));
    }
    return Optional.empty();
  }

  private static boolean perDay(JsonNode body) {
    if (body == null) {
      return false;
    }
    for (JsonNode id : body.findValues("quotaId")) {
      if (id.asText("").contains("PerDay")) {
        return true;
      }
    }
    return false;
  }

  static Duration untilMidnightPacific(Clock clock) {
    ZonedDateTime now = clock.instant().atZone(PACIFIC);
    ZonedDateTime midnight = LocalDate.from(now).plusDays(1).atStartOfDay(PACIFIC);
    return Duration.between(now, midnight);
  }
}
