package dev.socra.llm.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a provider asked us to wait, in every spelling seen in the wild: {@code retry-after-ms},
 * {@code retry-after} as seconds or as an HTTP date, Groq's "try again in 7.66s" inside the
 * message, and Gemini's {@code google.rpc.RetryInfo.retryDelay} inside the error details.
 */
public final class RetryAfter {
  private static final Pattern TRY_AGAIN =
      Pattern.compile("try again in ((?:\\d+(?:\\.\\d+)?(?:ms|h|m|s))+)", Pattern.CASE_INSENSITIVE);

  private RetryAfter() {}

  public static Optional<Duration> from(HttpHeaders headers, JsonNode body, Clock clock) {
    Optional<Duration> fromHeaders = fromHeaders(headers, clock);
    return fromHeaders.isPresent() ? fromHeaders : fromBody(body);
  }

  public static Optional<Duration> fromHeaders(HttpHeaders headers, Clock clock) {
    if (headers == null) {
      return Optional.empty();
    }
    Optional<String> ms = headers.firstValue("retry-after-ms");
    if (ms.isPresent()) {
      Optional<Duration> seconds = Durations.parseSeconds(ms.get());
      if (seconds.isPresent()) {
        // the value is milliseconds: parseSeconds read it as seconds, scale back
        return Optional.of(Duration.ofNanos(seconds.get().toNanos() / 1000));
      }
    }
    Optional<String> value = headers.firstValue("retry-after");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> seconds = Durations.parseSeconds(value.get());
    if (seconds.isPresent()) {
      return seconds;
    }
    return httpDate(value.get(), clock);
  }

  static Optional<Duration> httpDate(String text, Clock clock) {
    try {
      ZonedDateTime at = ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(clock.instant(), at.toInstant());
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The wait carried inside an error body: Gemini's RetryInfo first, then a message's text. */
  public static Optional<Duration> fromBody(JsonNode body) {
    if (body == null || body.isMissingNode()) {
      return Optional.empty();
    }
    for (JsonNode info : body.findParents("retryDelay")) {
      String type = info.path("@type").asText("");
      if (type.isEmpty() || type.endsWith("RetryInfo")) {
        Optional<Duration> d = Durations.parseGo(info.path("retryDelay").asText());
        if (d.isPresent()) {
          return d;
        }
      }
    }
    for (JsonNode message : body.findValues("message")) {
      Optional<Duration> d = fromText(message.asText(""));
      if (d.isPresent()) {
        return d;
      }
    }
    return Optional.empty();
  }

  /** Groq and OpenAI write the wait into the message: "Please try again in 7.66s." */
  public static Optional<Duration> fromText(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = TRY_AGAIN.matcher(text);
    return m.find() ? Durations.parseGo(m.group(1)) : Optional.empty();
  }
}
