package dev.socra.llm.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Error bodies of Gemini's OpenAI-compatible endpoint ({@code /v1beta/openai/}): a Google RPC error
 * wrapped in a one-element array, {@code [{"error":{"code","message","status","details"}}]}, as
 * reported in github.com/MinLL/SkyrimNet-GamePlugin/issues/77 (400 INVALID_ARGUMENT, "Invalid JSON
 * payload received. Unknown name \"top_k\": Cannot find field.", 2025-08-04) and
 * github.com/google-gemini/gemini-cli/issues/22486 (429 RESOURCE_EXHAUSTED with QuotaFailure and
 * "limit: 0"), read 2026-11-01; quota ids from ai.google.dev/gemini-api/docs/rate-limits.
 */
final class GeminiErrors {
  private GeminiErrors() {}

  static String status(int code) {
    return switch (code) {
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

  /** {@code [{"error": {...}}]}; the returned object is the inner error, to add details to. */
  static ArrayNode wrapped(int code, String message) {
    ArrayNode root = Json.MAPPER.createArrayNode();
    ObjectNode error = root.addObject().putObject("error");
    error.put("code", code);
    error.put("message", message);
    error.put("status", status(code));
    return root;
  }

  static ObjectNode error(ArrayNode wrapped) {
    return (ObjectNode) wrapped.get(0).get("error");
  }

  static Reply reply(int code, String message) {
    return Reply.json(code, wrapped(code, message));
  }

  /** "Invalid JSON payload received. Unknown name …": a field the endpoint does not take. */
  static Reply unknownName(String name, String at) {
    String description =
        "Invalid JSON payload received. Unknown name \""
            + name
            + "\""
            + (at == null ? "" : " at '" + at + "'")
            + ": Cannot find field.";
    ArrayNode body = wrapped(400, description);
    ObjectNode violation =
        error(body)
            .putArray("details")
            .addObject()
            .put("@type", "type.googleapis.com/google.rpc.BadRequest")
            .putArray("fieldViolations")
            .addObject();
    if (at != null) {
      violation.put("field", at);
    }
    violation.put("description", description);
    return Reply.json(400, body);
  }

  /**
   * 429 for a spent quota: {@code minute} (with RetryInfo {@code retryDelay}), {@code day} (a
   * per-day quota: {@code GenerateRequestsPerDayPerProjectPerModel-FreeTier}) or {@code zero} (the
   * model is not on the free tier: {@code limit: 0}).
   */
  static ArrayNode quota(String model, String kind, String retryDelay) {
    boolean day = kind.equals("day");
    boolean zero = kind.equals("zero");
    String limit = zero ? "0" : day ? "20" : "10";
    ArrayNode root =
        wrapped(
            429,
            "You exceeded your current quota, please check your plan and billing details. For more"
                + " information on this error, head to:"
                + " https://ai.google.dev/gemini-api/docs/rate-limits. To monitor your current"
                + " usage, head to: https://ai.dev/usage?tab=rate-limit. \n"
                + "* Quota exceeded for metric:"
                + " generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: "
                + limit
                + ", model: "
                + model
                + "\nPlease retry in "
                + retryDelay
                + ".");
    ArrayNode details = error(root).putArray("details");
    ObjectNode quota = details.addObject();
    quota.put("@type", "type.googleapis.com/google.rpc.QuotaFailure");
    ObjectNode violation = quota.putArray("violations").addObject();
    violation.put(
        "quotaMetric", "generativelanguage.googleapis.com/generate_content_free_tier_requests");
    violation.put(
        "quotaId",
        day || zero
            ? "GenerateRequestsPerDayPerProjectPerModel-FreeTier"
            : "GenerateRequestsPerMinutePerProjectPerModel-FreeTier");
    violation.putObject("quotaDimensions").put("location", "global").put("model", model);
    violation.put("quotaValue", limit);
    details
        .addObject()
        .put("@type", "type.googleapis.com/google.rpc.RetryInfo")
        .put("retryDelay", retryDelay);
    return root;
  }
}
