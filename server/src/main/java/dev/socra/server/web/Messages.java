package dev.socra.server.web;

import java.util.Locale;

/**
 * What to tell a founder when a call did not produce its answer: one calm sentence they can act on,
 * chosen by the failure's kind; the router's own words go beneath it for the curious.
 */
final class Messages {
  private Messages() {}

  /**
   * @param retryAfterSeconds when every provider said how long to wait; null when none did
   */
  static String headline(String failure, String detail, Long retryAfterSeconds) {
    if (retryAfterSeconds != null
        && ("all-targets-failed".equals(failure)
            || "attempts-exhausted".equals(failure)
            || "deadline-exceeded".equals(failure))) {
      return "All providers are rate limited right now; try again in "
          + retryAfterSeconds
          + (retryAfterSeconds == 1 ? " second." : " seconds.");
    }
    return headline(failure, detail);
  }

  static String headline(String failure, String detail) {
    String d = detail == null ? "" : detail.toLowerCase(Locale.ROOT);
    return switch (failure == null ? "" : failure) {
      case "all-targets-failed", "attempts-exhausted" ->
          d.contains("rate") || d.contains("429") || d.contains("cooling")
              ? "All providers are rate limited right now. Give them a minute, then try again."
              : "No provider could answer just now. Try again in a moment.";
      case "stream-interrupted" ->
          "The answer was cut off and no other provider could finish it. Try again.";
      case "deadline-exceeded" -> "The providers took too long to answer. Try again in a moment.";
      case "refused" -> "The provider declined this request. Rephrasing your last answer may help.";
      case "context-too-long" -> "The conversation is now too long for every configured model.";
      case "exceeds-every-budget" ->
          "This request is larger than any provider's rate limit allows; it cannot be sent.";
      case "invalid-output" -> "The interviewer's answer could not be read. Try again.";
      default -> "Something went wrong while writing the question. Try again.";
    };
  }
}
