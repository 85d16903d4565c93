package dev.socra.llm.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Error bodies of the Anthropic Messages API, with its real error types and messages. */
final class AnthropicErrors {

  private static final String RATE_LIMIT_ADVICE =
      " For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the"
          + " response headers for current usage. Please reduce the prompt length or the maximum"
          + " tokens requested, or try again later. You may also contact sales at"
          + " https://www.anthropic.com/contact-sales to discuss your options for a rate limit"
          + " increase.";

  private AnthropicErrors() {}

  /** {@code {"type":"error","error":{"type","message"},"request_id"}}. */
  static ObjectNode body(String type, String message) {
    ObjectNode root = Json.object();
    root.put("type", "error");
    root.putObject("error").put("type", type).put("message", message);
    root.put("request_id", Ids.random("req_011", 21));
    return root;
  }

  static Reply reply(int status, String type, String message) {
    return Reply.json(status, body(type, message));
  }

  /** Anthropic's "invalid x-api-key" with the whole key quoted back ({@code echo-key}). */
  static String invalidKey(String key) {
    return "invalid x-api-key: " + key;
  }

  static String typeFor(int status) {
    return switch (status) {
      case 400 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 402 -> "billing_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 504 -> "timeout_error";
      case 529 -> "overloaded_error";
      default -> status >= 500 ? "api_error" : "invalid_request_error";
    };
  }

  static String messageFor(String type, String model) {
    return switch (type) {
      case "invalid_request_error" -> "Invalid request.";
      case "authentication_error" -> "invalid x-api-key";
      case "billing_error" ->
          "Your credit balance is too low to access the Anthropic API. Please go to Plans &"
              + " Billing to upgrade or purchase credits.";
      case "permission_error" ->
          "Your API key does not have permission to use the specified resource.";
      case "not_found_error" -> "model: " + model;
      case "request_too_large" -> "Request exceeds the maximum allowed number of bytes.";
      case "rate_limit_error" ->
          "Number of request tokens has exceeded your per-minute rate limit"
              + " (https://docs.claude.com/en/api/rate-limits); see the response headers for"
              + " current usage. Please reduce the prompt length or the maximum tokens requested,"
              + " or try again later. You may also contact sales at"
              + " https://www.anthropic.com/contact-sales to discuss your options for a rate limit"
              + " increase.";
      case "timeout_error" -> "Request timed out.";
      case "overloaded_error" -> "Overloaded";
      default -> "Internal server error";
    };
  }

  /** Anthropic answers these conditions with 400 (its credit error included), not 429. */
  static int statusForCode(String code) {
    return switch (code) {
      case "rate_limit_exceeded" -> 429;
      case "invalid_api_key" -> 401;
      case "model_not_found" -> 404;
      default -> 400;
    };
  }

  static Reply status(int status, Directives directives, String model, java.time.Instant now) {
    String type = typeFor(status);
    String message =
        switch (directives.has("code") ? directives.get("code") : "") {
          case "context_length_exceeded" -> "prompt is too long: 250000 tokens > 200000 maximum";
          case "insufficient_quota" -> messageFor("billing_error", model);
          case "content_filter" -> "Output blocked by content filtering policy";
          default -> messageFor(type, Directives.baseModel(model));
        };
    return reply(status, type, message).withHeaders(RetryHeaders.of(directives, now));
  }

  static Reply rateLimited(Admission a, Map<String, String> limitHeaders) {
    boolean tokens = a.blockedOn().equals("tokens");
    String message =
        "This request would exceed the rate limit for your organization ("
            + OpenAiErrors.ORG
            + ") of "
            + (tokens
                ? a.limits().tpm() + " tokens per minute"
                : a.perDay()
                    ? a.limits().rpd() + " requests per day"
                    : a.limits().rpm() + " requests per minute")
            + "."
            + RATE_LIMIT_ADVICE;
    Reply reply = reply(429, "rate_limit_error", message).withHeaders(limitHeaders);
    if (a.tooLarge()) {
      return reply; // waiting cannot help, so no retry-after
    }
    return reply.withHeaders(
        Map.of("retry-after", Long.toString(Times.ceilSeconds(a.retryAfterMillis()))));
  }

  static Reply errorIn200(int status, String model) {
    String type = typeFor(status);
    return reply(200, type, messageFor(type, Directives.baseModel(model)));
  }
}
