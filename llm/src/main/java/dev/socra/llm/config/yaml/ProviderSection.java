package dev.socra.llm.config.yaml;

import dev.socra.llm.budget.HeaderDialect;
import dev.socra.llm.budget.Limits;
import dev.socra.llm.config.Capabilities;
import dev.socra.llm.config.Protocol;
import dev.socra.llm.config.ProviderConfig;
import java.util.regex.Pattern;

/**
 * One entry of {@code providers:}. Over a built-in provider, only what is written changes; a new
 * provider speaks {@code openai} unless it says otherwise, and needs a base URL and a model.
 */
public record ProviderSection(
    Protocol protocol,
    String baseUrl,
    String keyEnv,
    String model,
    Integer contextWindow,
    CapabilitiesSection capabilities,
    PriceSection price,
    LimitsSection limits,
    HeaderDialect rateLimitHeaders,
    Double tokenRatio) {

  static final ProviderSection EMPTY =
      new ProviderSection(null, null, null, null, null, null, null, null, null, null);

  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public ProviderSection {
    // Not echoed: what is here instead of a variable's name may be the key itself.
    if (keyEnv != null && !VARIABLE.matcher(keyEnv).matches()) {
      throw new IllegalArgumentException(
          "key_env must be the name of an environment variable (letters, digits and _), such as"
              + " OPENROUTER_API_KEY");
    }
  }

  /** The provider this entry describes: {@code builtin} with the entry's changes, or new. */
  public ProviderConfig.Builder over(String name, ProviderConfig builtin) {
    ProviderConfig.Builder b =
        builtin != null
            ? builtin.toBuilder()
            : ProviderConfig.builder(name, protocol != null ? protocol : Protocol.OPENAI);
    if (protocol != null) {
      b.protocol(protocol);
    }
    if (baseUrl != null) {
      b.baseUrl(baseUrl);
    }
    if (keyEnv != null) {
      b.keyVariable(keyEnv);
    }
    if (model != null) {
      b.model(model);
    }
    if (contextWindow != null) {
      b.contextWindow(contextWindow);
    }
    if (capabilities != null) {
      b.capabilities(
          capabilities.over(builtin != null ? builtin.capabilities() : Capabilities.NONE));
    }
    if (limits != null) {
      b.limits(limits.over(builtin != null ? builtin.limits() : Limits.NONE));
    }
    if (rateLimitHeaders != null) {
      b.rateLimitHeaders(rateLimitHeaders);
    }
    if (tokenRatio != null) {
      b.tokenRatio(tokenRatio);
    }
    return b;
  }
}
