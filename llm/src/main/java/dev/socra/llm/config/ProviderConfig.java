package dev.socra.llm.config;

import dev.socra.llm.budget.HeaderDialect;
import dev.socra.llm.budget.Limits;
import java.net.URI;

/**
 * One provider account: where it is, which key, which wire format, and what it can do.
 *
 * @param keyVariable the environment variable that holds the key; null for a keyless server (a
 *     local Ollama)
 * @param key null when the variable is unset: the provider then takes no part in routing
 * @param model the model used when a route names only the provider
 * @param contextWindow tokens of prompt plus answer the model accepts
 * @param limits what the provider allows this account, as configured; headers correct it live
 * @param rateLimitHeaders how the provider announces its limits
 * @param tokenRatio this provider's tokens per cl100k token, for estimates before usage is known
 */
public record ProviderConfig(
    String name,
    Protocol protocol,
    URI baseUrl,
    String keyVariable,
    ApiKey key,
    String model,
    int contextWindow,
    Capabilities capabilities,
    Limits limits,
    HeaderDialect rateLimitHeaders,
    double tokenRatio) {

  public ProviderConfig withLimits(Limits value) {
    return new ProviderConfig(
        name,
        protocol,
        baseUrl,
        keyVariable,
        key,
        model,
        contextWindow,
        capabilities,
        value,
        rateLimitHeaders,
        tokenRatio);
  }

  /** A provider takes part in routing when it has a key, or needs none. */
  public boolean usable() {
    return protocol == Protocol.STUB || key != null || keyVariable == null;
  }
}
