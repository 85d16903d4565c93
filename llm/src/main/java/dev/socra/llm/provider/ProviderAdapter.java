package dev.socra.llm.provider;

/**
 * Speaks one wire protocol. Wire JSON stays inside the adapter; everything above speaks Socra's own
 * types. An adapter never retries and never throws for an upstream failure: every outcome comes
 * back as an {@link AttemptResult}.
 */
public interface ProviderAdapter {
  AttemptResult send(Exchange exchange);
}
