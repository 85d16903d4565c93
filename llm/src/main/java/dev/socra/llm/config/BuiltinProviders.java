package dev.socra.llm.config;

import dev.socra.llm.budget.HeaderDialect;
import dev.socra.llm.budget.Limits;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The providers Socra knows without a config file, in default route order. The order is cost and
 * headroom first, as the seed's production system learned: see docs/configuration.md for why each
 * default model was chosen.
 */
final class BuiltinProviders {
  static final String STUB = "stub";
  static final String STUB_MODEL = "socra-demo";

  private BuiltinProviders() {}

  /** Name, then the provider as it stands before the environment is read. */
  static Map<String, ProviderConfig> all() {
    Map<String, ProviderConfig> m = new LinkedHashMap<>();
    m.put(
        "anthropic",
        new ProviderConfig(
            "anthropic",
            Protocol.ANTHROPIC,
            URI.create("https://api.anthropic.com"),
            "ANTHROPIC_API_KEY",
            null,
            "claude-haiku-4-5",
            200_000,
            // Messages API: prefill (not Claude 4.6+, see ModelCatalog), tools, images, the
            // separator; structured output by instruction and validation
            // (docs.anthropic.com/en/api/messages, read 2026-11-01)
            new Capabilities(
                true,
                false,
                false,
                SchemaDialect.OPENAI,
                false,
                true,
                true,
                true,
                TokenLimitField.MAX_TOKENS,
                Capabilities.COMMON_SAMPLING),
            // Tier 1 (no free tier): 50 rpm, 50,000 input and 10,000 output tokens a minute
            new Limits(50, 0, 50_000, 10_000, 0, 0, 0),
            HeaderDialect.ANTHROPIC,
            1.15,
            null,
            HostOptions.KNOWN_PROVIDER));
    m.put(
        "google",
        new ProviderConfig(
            "google",
            Protocol.OPENAI,
            URI.create("https://generativelanguage.googleapis.com/v1beta/openai"),
            "GOOGLE_API_KEY",
            null,
            "gemini-2.5-flash-lite",
            1_048_576,
            // OpenAI compatibility layer: json_schema in Gemini's subset (no strict), json_object,
            // tools, images, max_tokens (ai.google.dev/gemini-api/docs/openai, read 2026-11-01)
            new Capabilities(
                false,
                true,
                false,
                SchemaDialect.GEMINI,
                true,
                false,
                true,
                true,
                TokenLimitField.MAX_TOKENS,
                java.util.EnumSet.of(
                    Feature.TEMPERATURE, Feature.TOP_P, Feature.STOP, Feature.SEED)),
            // Free tier: 15 rpm, 250,000 tpm, 1,000 requests a day
            new Limits(15, 250_000, 0, 0, 1_000, 0, 0),
            HeaderDialect.OPENAI,
            1.0,
            null,
            HostOptions.KNOWN_PROVIDER));
    m.put(
        "groq",
        new ProviderConfig(
            "groq",
            Protocol.OPENAI,
            URI.create("https://api.groq.com/openai/v1"),
            "GROQ_API_KEY",
            null,
            "llama-3.1-8b-instant",
            131_072,
            // llama-3.1-8b-instant continues a prefill and takes json_object, not json_schema
            // (console.groq.com/docs/structured-outputs#supported-models, read 2026-11-01); every
            // OpenAI sampling parameter but logprobs/logit_bias (console.groq.com/docs/openai)
            new Capabilities(
                true,
                false,
                false,
                SchemaDialect.OPENAI,
                true,
                false,
                true,
                false,
                TokenLimitField.MAX_TOKENS,
                Feature.SAMPLING),
            // Free tier: 30 rpm, 6,000 tpm, 14,400 requests and 500,000 tokens a day
            new Limits(30, 6_000, 0, 0, 14_400, 500_000, 0),
            HeaderDialect.GROQ,
            1.0,
            null,
            HostOptions.KNOWN_PROVIDER));
    m.put(
        "openai",
        new ProviderConfig(
            "openai",
            Protocol.OPENAI,
            URI.create("https://api.openai.com/v1"),
            "OPENAI_API_KEY",
            null,
            "gpt-4o-mini",
            128_000,
            // Structured Outputs with strict, tools, images; max_completion_tokens, which replaced
            // max_tokens (platform.openai.com/docs/api-reference/chat/create, read 2026-11-01)
            new Capabilities(
                false,
                true,
                true,
                SchemaDialect.OPENAI,
                true,
                false,
                true,
                true,
                TokenLimitField.MAX_COMPLETION_TOKENS,
                Feature.SAMPLING),
            // Tier 1: 500 rpm, 200,000 tpm, 10,000 requests a day
            new Limits(500, 200_000, 0, 0, 10_000, 0, 0),
            HeaderDialect.OPENAI,
            1.0,
            null,
            HostOptions.KNOWN_PROVIDER));
    return m;
  }

  static ProviderConfig stub() {
    return new ProviderConfig(
        STUB,
        Protocol.STUB,
        URI.create("stub:demo"),
        null,
        null,
        STUB_MODEL,
        1_000_000,
        new Capabilities(true, true, true, true),
        Limits.NONE,
        HeaderDialect.OPENAI,
        1.0,
        null,
        null);
  }
}
