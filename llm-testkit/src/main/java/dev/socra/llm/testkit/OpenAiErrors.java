package dev.socra.llm.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * Error bodies of the OpenAI-compatible APIs, with the messages OpenAI, Groq and Gemini really
 * send, because routers classify errors (and find retry delays) by reading them.
 */
final class OpenAiErrors {

  static final String ORG = "org_fake";

  private OpenAiErrors() {}

  /** {@code {"error":{"message","type","param","code"}}}; code may be a string, number or null. */
  static ObjectNode body(String message, String type, String param, Object code) {
    ObjectNode root = Json.object();
    ObjectNode error = root.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.put("param", param);
    switch (code) {
      case null -> error.putNull("code");
      case Integer number -> error.put("code", number);
      default -> error.put("code", code.toString());
    }
    return root;
  }

  static Reply missingKey() {
    return Reply.json(
        401,
        body(
            "You didn't provide an API key. You need to provide your API key in an Authorization"
                + " header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the"
                + " password field (with blank username) if you're accessing the API from your"
                + " browser and are prompted for a username. You can obtain an API key from"
                + " https://platform.openai.com/account/api-keys.",
            "invalid_request_error",
            null,
            null));
  }

  /** The whole key quoted back, as providers have done (OpenAI now masks all but its ends). */
  static String incorrectKey(String key) {
    return "Incorrect API key provided: "
        + key
        + ". You can find your API key at https://platform.openai.com/account/api-keys.";
  }

  static Reply keyRejected(String key) {
    return Reply.json(
        401, body(incorrectKey(key), "invalid_request_error", null, "invalid_api_key"));
  }

  static Reply invalid(String message) {
    return Reply.json(400, body(message, "invalid_request_error", null, null));
  }

  static int statusForCode(String code) {
    return switch (code) {
      case "insufficient_quota", "rate_limit_exceeded" -> 429;
      case "invalid_api_key" -> 401;
      case "model_not_found" -> 404;
      default -> 400;
    };
  }

  static Reply status(int status, Directives directives, String model, Instant now) {
    String base = Directives.baseModel(model);
    ObjectNode body;
    if (directives.has("gemini-retry")) {
      return new Reply(
          status,
          RetryHeaders.of(directives, now),
          "application/json",
          Json.bytes(gemini(status, base, directives.get("gemini-retry"))));
    } else if (directives.has("groq-wait")) {
      body =
          body(
              groqRateLimit(
                  base, "tokens per minute (TPM)", 6000, 5800, 1900, directives.get("groq-wait")),
              "tokens",
              null,
              "rate_limit_exceeded");
    } else if (directives.has("code")) {
      body = forCode(directives.get("code"), status, base);
    } else {
      body = forStatus(status, base);
    }
    return Reply.json(status, body).withHeaders(RetryHeaders.of(directives, now));
  }

  private static ObjectNode forCode(String code, int status, String model) {
    return switch (code) {
      case "context_length_exceeded" ->
          body(
              "This model's maximum context length is 128000 tokens. However, your messages"
                  + " resulted in 250000 tokens. Please reduce the length of the messages.",
              "invalid_request_error",
              "messages",
              code);
      case "insufficient_quota" ->
          body(
              "You exceeded your current quota, please check your plan and billing details. For"
                  + " more information on this error, read the docs:"
                  + " https://platform.openai.com/docs/guides/error-codes/api-errors.",
              "insufficient_quota",
              null,
              code);
      case "content_filter" ->
          body(
              "The response was filtered due to the prompt triggering the content management"
                  + " policy. Please modify your prompt and retry.",
              "invalid_request_error",
              "prompt",
              code);
      default -> {
        ObjectNode body = forStatus(status, model);
        ((ObjectNode) body.get("error")).put("code", code);
        yield body;
      }
    };
  }

  private static ObjectNode forStatus(int status, String model) {
    return switch (status) {
      case 400 -> body("Invalid request.", "invalid_request_error", null, null);
      case 401 ->
          body(
              "Incorrect API key provided. You can find your API key at"
                  + " https://platform.openai.com/account/api-keys.",
              "invalid_request_error",
              null,
              "invalid_api_key");
      case 403 ->
          body(
              "Country, region, or territory not supported",
              "request_forbidden",
              null,
              "unsupported_country_region_territory");
      case 404 ->
          body(
              "The model `" + model + "` does not exist or you do not have access to it.",
              "invalid_request_error",
              null,
              "model_not_found");
      case 429 -> body("Rate limit reached for requests", "requests", null, "rate_limit_exceeded");
      case 500 ->
          body(
              "The server had an error while processing your request. Sorry about that!",
              "server_error",
              null,
              null);
      case 502 -> body("Bad gateway.", "cf_bad_gateway", null, 502);
      case 503 -> body("The server is overloaded or not ready yet.", "server_error", null, null);
      case 504 -> body("Gateway timeout.", "cf_gateway_timeout", null, 504);
      default ->
          body(
              "Request failed with status " + status + ".",
              status >= 500 ? "server_error" : "invalid_request_error",
              null,
              null);
    };
  }

  /** Groq's 429 text; routers parse "Please try again in 7.66s" out of it. */
  static String groqRateLimit(
      String model, String limitName, int limit, int used, int requested, String wait) {
    return "Rate limit reached for model `"
        + model
        + "` in organization `"
        + ORG
        + "` service tier `on_demand` on "
        + limitName
        + ": Limit "
        + limit
        + ", Used "
        + used
        + ", Requested "
        + requested
        + ". Please try again in "
        + wait
        + ". Visit https://console.groq.com/docs/rate-limits for more information.";
  }

  /** Gemini's OpenAI-compatible endpoint wraps its Google error in a one-element array. */
  private static ArrayNode gemini(int status, String model, String retryDelay) {
    ArrayNode root = Json.MAPPER.createArrayNode();
    ObjectNode error = root.addObject().putObject("error");
    error.put("code", status);
    error.put(
        "message",
        "You exceeded your current quota, please check your plan and billing details. For more"
            + " information on this error, head to:"
            + " https://ai.google.dev/gemini-api/docs/rate-limits. To monitor your current usage,"
            + " head to: https://ai.dev/usage?tab=rate-limit. \n"
            + "* Quota exceeded for metric:"
            + " generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 10,"
            + " model: "
            + model
            + "\nPlease retry in "
            + retryDelay
            + ".");
    error.put("status", googleStatus(status));
    ArrayNode details = error.putArray("details");
    ObjectNode quota = details.addObject();
    quota.put("@type", "type.googleapis.com/google.rpc.QuotaFailure");
    ObjectNode violation = quota.putArray("violations").addObject();
    violation.put(
        "quotaMetric", "generativelanguage.googleapis.com/generate_content_free_tier_requests");
    violation.put("quotaId", "GenerateRequestsPerMinutePerProjectPerModel-FreeTier");
    violation.putObject("quotaDimensions").put("location", "global").put("model", model);
    violation.put("quotaValue", "10");
    ObjectNode retry = details.addObject();
    retry.put("@type", "type.googleapis.com/google.rpc.RetryInfo");
    retry.put("retryDelay", retryDelay);
    return root;
  }

  private static String googleStatus(int status) {
    return switch (status) {
      case 400 -> "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 429 -> "RESOURCE_EXHAUSTED";
      case 503 -> "UNAVAILABLE";
      case 504 -> "DEADLINE_EXCEEDED";
      default -> "INTERNAL";
    };
  }

  /** Groq/OpenAI 429 (or 413 when the request alone exceeds the token limit). */
  static Reply rateLimited(Admission a, String model, Map<String, String> limitHeaders) {
    String base = Directives.baseModel(model);
    RateLimits limits = a.limits();
    if (a.tooLarge()) {
      String message =
          "Request too large for model `"
              + base
              + "` in organization `"
              + ORG
              + "` service tier `on_demand` on tokens per minute (TPM): Limit "
              + limits.tpm()
              + ", Requested "
              + a.requestedTokens()
              + ", please reduce your message size and try again. Visit"
              + " https://console.groq.com/docs/rate-limits for more information.";
      return Reply.json(413, body(message, "tokens", null, "rate_limit_exceeded"))
          .withHeaders(limitHeaders);
    }
    boolean tokens = a.blockedOn().equals("tokens");
    String message =
        groqRateLimit(
            base,
            tokens
                ? "tokens per minute (TPM)"
                : a.perDay() ? "requests per day (RPD)" : "requests per minute (RPM)",
            tokens ? limits.tpm() : a.perDay() ? limits.rpd() : limits.rpm(),
            tokens ? a.usedTokens() : a.perDay() ? a.usedRequestsToday() : a.usedRequests(),
            tokens ? a.requestedTokens() : 1,
            Times.goDuration(a.retryAfterMillis()));
    return Reply.json(429, body(message, a.blockedOn(), null, "rate_limit_exceeded"))
        .withHeaders(limitHeaders)
        .withHeaders(Map.of("retry-after", Long.toString(Times.ceilSeconds(a.retryAfterMillis()))));
  }

  /** OpenRouter-style: HTTP 200, the real status only inside the body. */
  static Reply errorIn200(int status) {
    ObjectNode root = Json.object();
    ObjectNode error = root.putObject("error");
    error.put("message", status == 429 ? "Rate limit exceeded" : "Provider returned error");
    error.put("code", status);
    error.putObject("metadata").put("provider_name", "Fake");
    return Reply.json(200, root);
  }

  static String inbandMessage(String type) {
    return switch (type) {
      case "overloaded_error" -> "Overloaded";
      case "rate_limit_error", "requests", "tokens" -> "Rate limit reached for requests";
      default -> "The server had an error while processing your request. Sorry about that!";
    };
  }
}
