package dev.socra.llm.config;

import java.util.EnumSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Socra knows of particular models, whoever serves them: the per-model rows of the capability
 * table in docs/configuration.md, laid over a provider's defaults. A model the table does not name
 * keeps its provider's capabilities; the config file's {@code models:} overrides both.
 */
final class ModelCatalog {
  /** {@code claude-sonnet-4-6}, {@code claude-opus-4-7-20260301}, {@code claude-sonnet-5}. */
  private static final Pattern CLAUDE =
      Pattern.compile(
          "(?:^|/)claude-(?:opus|sonnet|haiku|[a-z]+)-(\\d+)(?:-(\\d{1,2}))?(?:\\b|-|$)");

  /** o1, o3-mini, o4-mini, gpt-5, gpt-5-mini, gpt-5.1: OpenAI's reasoning models. */
  private static final Pattern OPENAI_REASONING =
      Pattern.compile("(?:^|/)(?:o\\d(?:-|$)|o\\d$|gpt-5)");

  private ModelCatalog() {}

  /** {@code declared} (the provider's capabilities) as they hold for {@code model}. */
  static Capabilities adjust(String model, Capabilities declared) {
    String m = model.toLowerCase(java.util.Locale.ROOT);
    Capabilities c = declared;
    Matcher claude = CLAUDE.matcher(m);
    if (claude.find() && refusesPrefill(claude)) {
      // Claude 4.6 and later answer a trailing assistant message with 400 "This model does not
      // support assistant message prefill. The conversation must end with a user message."
      // (reported for claude-sonnet-4-6 and claude-opus-4-6/4-7 in public issue threads, e.g.
      // github.com/smallmain/vscode-unify-chat-provider/issues/249, read 2026-11-01)
      c = c.withPrefill(false);
    }
    if (OPENAI_REASONING.matcher(m).find()) {
      // Reasoning models refuse max_tokens ("Unsupported parameter: 'max_tokens' is not supported
      // with this model. Use 'max_completion_tokens' instead.") and any sampling value but the
      // default ("Unsupported value: 'temperature' does not support 0.7 with this model"):
      // platform.openai.com/docs/guides/reasoning, read 2026-11-01.
      c =
          c.withTokenLimit(TokenLimitField.MAX_COMPLETION_TOKENS)
              .withSampling(EnumSet.noneOf(Feature.class))
              .withPrefill(false);
    }
    if (m.startsWith("gemini-") || m.contains("/gemini-")) {
      // Gemini's response schema is its OpenAPI subset, with or without the OpenAI layer
      // (ai.google.dev/gemini-api/docs/structured-output, read 2026-11-01).
      c = c.withSchemaDialect(SchemaDialect.GEMINI).withStrictSchema(false);
    }
    if (m.startsWith("openai/gpt-oss-")) {
      // Groq: strict structured outputs on its GPT-OSS models only
      // (console.groq.com/docs/structured-outputs, read 2026-11-01); no continuation of a prefill.
      c = c.withJsonSchema(true).withStrictSchema(true).withPrefill(false);
    } else if (m.startsWith("meta-llama/llama-4-") || m.startsWith("moonshotai/kimi-k2")) {
      // Groq: best-effort json_schema (no strict) on these; Llama 4 reads images.
      c = c.withJsonSchema(true).withStrictSchema(false).withVision(m.contains("llama-4"));
    }
    return c;
  }

  /** Claude 4.6, 4.7, … and 5 onwards; not 4.5 and older, nor the claude-3-5-… names. */
  private static boolean refusesPrefill(Matcher claude) {
    int major = Integer.parseInt(claude.group(1));
    int minor = claude.group(2) == null ? 0 : Integer.parseInt(claude.group(2));
    return major > 4 || (major == 4 && minor >= 6);
  }
}
