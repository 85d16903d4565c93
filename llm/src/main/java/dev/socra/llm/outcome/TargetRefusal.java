package dev.socra.llm.outcome;

import dev.socra.llm.config.Feature;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tells a 400 about what this target accepts (another target may take the request) from a refusal
 * of the content (no target should be asked), by the providers' own words, and names the feature
 * refused where the words say which.
 *
 * <p>The words, and where each was read (2026-11-01): OpenAI "Unrecognized request argument
 * supplied: X", "Unsupported parameter: 'max_tokens' is not supported with this model. Use
 * 'max_completion_tokens' instead.", "Unsupported value: 'temperature' does not support …",
 * "Invalid schema for response_format …" (platform.openai.com/docs/guides/error-codes and public
 * issue threads of gateways); Anthropic "X: Extra inputs are not permitted", "This model does not
 * support assistant message prefill. The conversation must end with a user message."
 * (docs.anthropic.com/en/api/errors; github.com/smallmain/vscode-unify-chat-provider/issues/249);
 * Gemini's OpenAI layer, array-wrapped, status {@code INVALID_ARGUMENT}: "Invalid JSON payload
 * received. Unknown name \"top_k\": Cannot find field." (github.com/MinLL/SkyrimNet-GamePlugin/
 * issues/77); Groq "property 'logprobs' is unsupported", "This model does not support response
 * format `json_schema`" (console.groq.com/docs/openai, /docs/structured-outputs).
 */
final class TargetRefusal {
  private static final Pattern CONTENT_POLICY =
      Pattern.compile(
          "content[_ ]filter|content management policy|content policy|usage polic|safety"
              + " system|flagged|moderation|blocked by|harm",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern NOT_TAKEN =
      Pattern.compile(
          "unrecognized request argument|unknown name|cannot find field|extra inputs are not"
              + " permitted|is unsupported|unsupported parameter|unsupported value|not supported"
              + "|does not support|unknown[_ ]parameter|unsupported_parameter|unsupported_value"
              + "|invalid schema|invalid json schema|schema .*not (?:supported|allowed)"
              + "|is not permitted|not allowed with this model",
          Pattern.CASE_INSENSITIVE);

  private TargetRefusal() {}

  /**
   * The outcome of a 400/422 that is neither about the key nor the context length: refused
   * (content, or a request no target would take) or unsupported here.
   */
  static Outcome of(ProviderError error, String detail) {
    String words = error == null ? detail : error.type() + " " + error.message();
    if (CONTENT_POLICY.matcher(words).find()) {
      return new Outcome.Refused(detail);
    }
    boolean gemini = error != null && error.typeContains("INVALID_ARGUMENT");
    if (gemini || NOT_TAKEN.matcher(words).find()) {
      return new Outcome.Unsupported(feature(words), detail);
    }
    return new Outcome.Refused(detail);
  }

  /** The feature the words name, if they name one. */
  static Optional<Feature> feature(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    if (t.contains("prefill")
        || t.contains("final assistant content")
        || t.contains("must end with a user message")
        || t.contains("last message role")) {
      return Optional.of(Feature.PREFILL);
    }
    if (t.contains("max_tokens") && !t.contains("max_tokens:")) {
      return Optional.of(Feature.MAX_TOKENS_FIELD);
    }
    if (t.contains("json_object")) {
      return Optional.of(Feature.JSON_OBJECT);
    }
    if (t.contains("schema") || t.contains("response_format")) {
      return Optional.of(Feature.JSON_SCHEMA);
    }
    for (Feature f : Feature.SAMPLING) {
      if (t.contains("'" + f.wireName() + "'")
          || t.contains("\"" + f.wireName() + "\"")
          || t.contains("`" + f.wireName() + "`")
          || t.contains(": " + f.wireName())) {
        return Optional.of(f);
      }
    }
    if (t.contains("tool")) {
      return Optional.of(Feature.TOOLS);
    }
    if (t.contains("image")) {
      return Optional.of(Feature.VISION);
    }
    return Optional.empty();
  }
}
