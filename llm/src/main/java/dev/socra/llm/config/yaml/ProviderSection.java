package dev.socra.llm.config.yaml;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.socra.llm.budget.HeaderDialect;
import dev.socra.llm.budget.Limits;
import dev.socra.llm.config.Capabilities;
import dev.socra.llm.config.Protocol;
import dev.socra.llm.config.ProviderConfig;

/**
 * One entry of {@code providers:}. Over a built-in provider, only what is written changes; a new
 * provider speaks {@code openai} unless it says otherwise, and needs a base URL and a model.
 */
public record ProviderSection(
    Protocol protocol,
    String baseUrl,
    @JsonDeserialize(using = VariableNameDeserializer.class) String keyEnv,
    String model,
    Integer contextWindow,
    CapabilitiesSection capabilities,
    PriceSection price,
    LimitsSection limits,
    HeaderDialect rateLimitHeaders,
    Double tokenRatio) {

  static final ProviderSection EMPTY =
      new ProviderSection(null, null, null, null, null, null, null, null, null, null);

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
