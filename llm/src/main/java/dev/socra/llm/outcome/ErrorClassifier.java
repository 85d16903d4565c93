package dev.socra.llm.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns what a provider answered into one {@link Outcome}. The same rules serve HTTP errors, error
 * objects inside a 200, and errors sent in-band in a stream, so each is classified as the error it
 * carries.
 */
public final class ErrorClassifier {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CONTEXT_WORDS =
      Pattern.compile(
          "context[_ ]length|context window|prompt is too long|too many tokens|maximum number of"
              + " tokens|input token count|reduce the length",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern BAD_KEY =
      Pattern.compile(
          "api[_ ]key[_ ]invalid|api key not valid|invalid api key", Pattern.CASE_INSENSITIVE);
  private static final Pattern CREDIT =
      Pattern.compile(
          "credit balance is too low|insufficient credits|out of credits",
          Pattern.CASE_INSENSITIVE);
  private static final int DETAIL_LIMIT = 300;

  private final Clock clock;

  public ErrorClassifier(Clock clock) {
    this.clock = clock;
  }

  /** An HTTP response with a status other than 2xx. */
  public Outcome classifyHttp(int status, HttpHeaders headers, String body) {
    JsonNode json = parse(body);
    ProviderError error = ProviderError.find(json);
    String detail =
        "HTTP " + status + (error != null ? ": " + error.describe() : bodySnippet(body));
    return classify(status, error, headers, json, detail);
  }

  /** A 200 whose body is an error object: classified by the status it carries, else transient. */
  public Outcome classifyEmbedded(ProviderError error) {
    String detail = "error inside a successful response: " + error.describe();
    if (error.code() >= 400) {
      return classify(error.code(), error, null, error.body(), detail);
    }
    return classifyByType(error, detail).orElse(new Outcome.Transient(detail));
  }

  /** An error sent inside a stream, e.g. Anthropic's {@code event: error}. */
  public Outcome classifyInBand(ProviderError error) {
    String detail = "error in stream: " + error.describe();
    if (error.code() >= 400) {
      return classify(error.code(), error, null, error.body(), detail);
    }
    return classifyByType(error, detail).orElse(new Outcome.Transient(detail));
  }

  private Outcome classify(
      int status, ProviderError error, HttpHeaders headers, JsonNode json, String detail) {
    if (error != null
        && (error.typeContains("json_validate_failed") || error.typeContains("tool_use_failed"))) {
      // A small model broke the JSON or the tool call it was asked for (Groq says so with a 400):
      // another try or target may not.
      return new Outcome.Transient(detail);
    }
    Optional<Outcome> quota = GeminiQuota.exhausted(error, clock, detail);
    if (quota.isPresent()) {
      return quota.get();
    }
    if (error != null) {
      Optional<Outcome> byType = classifyByType(error, detail);
      // A specific type word (quota, overload, context) is more precise than the status; a generic
      // one (server_error on a 503, say) is not.
      if (byType.isPresent()
          && !(byType.get() instanceof Outcome.RateLimited)
          && !(byType.get() instanceof Outcome.Transient)) {
        return byType.get();
      }
    }
    return switch (status) {
      case 429 -> new Outcome.RateLimited(RetryAfter.from(headers, json, clock), detail);
      case 413 -> {
        // Groq answers a request larger than its whole per-minute budget with 413 and a rate-limit
        // type: the target can never take it, however long we wait. Not a context problem.
        if (error != null && (error.typeContains("rate_limit") || error.typeContains("tokens"))) {
          yield new Outcome.TooLarge(detail);
        }
        yield new Outcome.ContextTooLong(detail);
      }
      case 401, 403 -> new Outcome.AuthFailed(detail);
      case 402 -> new Outcome.QuotaExhausted(detail);
      case 404 -> new Outcome.AuthFailed(detail + " (model or endpoint not found)");
      case 503, 529, 498 -> new Outcome.Overloaded(detail);
      case 408, 409, 500, 502, 504 -> new Outcome.Transient(detail);
      case 400, 422 -> {
        if (error != null && BAD_KEY.matcher(error.describe()).find()) {
          yield new Outcome.AuthFailed(detail);
        }
        yield CONTEXT_WORDS.matcher(detail).find()
            ? new Outcome.ContextTooLong(detail)
            : TargetRefusal.of(error, detail);
      }
      default -> status >= 500 ? new Outcome.Transient(detail) : new Outcome.Refused(detail);
    };
  }

  private Optional<Outcome> classifyByType(ProviderError error, String detail) {
    Optional<Outcome> quota = GeminiQuota.exhausted(error, clock, detail);
    if (quota.isPresent()) {
      return quota;
    }
    String type = error.type().toLowerCase(Locale.ROOT);
    if (type.contains("insufficient_quota")
        || type.contains("billing")
        || CREDIT.matcher(error.message()).find()) {
      return Optional.of(new Outcome.QuotaExhausted(detail));
    }
    if (type.contains("overloaded")) {
      return Optional.of(new Outcome.Overloaded(detail));
    }
    if (type.contains("context_length") || type.contains("request_too_large")) {
      return Optional.of(new Outcome.ContextTooLong(detail));
    }
    if (type.contains("rate_limit") || type.contains("resource_exhausted")) {
      Optional<Duration> wait = RetryAfter.fromBody(error.body());
      return Optional.of(new Outcome.RateLimited(wait, detail));
    }
    if (type.contains("authentication") || type.contains("permission")) {
      return Optional.of(new Outcome.AuthFailed(detail));
    }
    if (type.contains("api_error") || type.contains("server_error") || type.contains("internal")) {
      return Optional.of(new Outcome.Transient(detail));
    }
    if (type.contains("unavailable")) {
      return Optional.of(new Outcome.Overloaded(detail));
    }
    return Optional.empty();
  }

  /** Parses a body as JSON; null when it is not JSON. */
  public static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      return null;
    }
  }

  private static String bodySnippet(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String flat = body.replaceAll("\\s+", " ").strip();
    return ": " + (flat.length() > DETAIL_LIMIT ? flat.substring(0, DETAIL_LIMIT) + "…" : flat);
  }
}
