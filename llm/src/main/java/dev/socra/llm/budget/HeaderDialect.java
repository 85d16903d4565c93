package dev.socra.llm.budget;

import dev.socra.llm.config.ConfigException;
import java.util.Locale;

/**
 * How a provider spells its rate-limit headers, and over which window it counts them. Groq's {@code
 * x-ratelimit-*-requests} count per day while its token headers count per minute; OpenAI's both
 * count per minute; Anthropic's {@code anthropic-ratelimit-*} give RFC 3339 reset times.
 */
public enum HeaderDialect {
  OPENAI,
  GROQ,
  ANTHROPIC;

  /**
   * Anthropic counts output tokens as they are really produced; OpenAI and Groq charge a request's
   * {@code max_tokens} when it arrives and give nothing back.
   */
  public boolean refundsUnusedTokens() {
    return this == ANTHROPIC;
  }

  public static HeaderDialect parse(String text, String where) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          where + ": rate_limit_headers must be openai, groq or anthropic, was '" + text + "'");
    }
  }
}
