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
            new Capabilities(true, false, false, true),
            // Tier 1 (no free tier): 50 rpm, 50,000 input and 10,000 output tokens a minute
            new Limits(50, 0, 50_000, 10_000, 0, 0, 0),
            HeaderDialect.ANTHROPIC,
            1.15));
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
            new Capabilities(false, true, true, false),
            // Free tier: 15 rpm, 250,000 tpm, 1,000 requests a day
            new Limits(15, 250_000, 0, 0, 1_000, 0, 0),
            HeaderDialect.OPENAI,
            1.0));
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
            new Capabilities(true, false, true, false),
            // Free tier: 30 rpm, 6,000 tpm, 14,400 requests and 500,000 tokens a day
            new Limits(30, 6_000, 0, 0, 14_400, 500_000, 0),
            HeaderDialect.GROQ,
            1.0));
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
            new Capabilities(false, true, true, false),
            // Tier 1: 500 rpm, 200,000 tpm, 10,000 requests a day
            new Limits(500, 200_000, 0, 0, 10_000, 0, 0),
            HeaderDialect.OPENAI,
            1.0));
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
        1.0);
  }
}
