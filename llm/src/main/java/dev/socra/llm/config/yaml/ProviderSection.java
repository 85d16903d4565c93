package dev.socra.llm.config.yaml;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.socra.llm.budget.HeaderDialect;
import dev.socra.llm.budget.Limits;
import dev.socra.llm.config.Capabilities;
import dev.socra.llm.config.Protocol;
import dev.socra.llm.config.ProviderConfig;
import java.util.Map;

/**
 * One entry of {@code providers:}. Over a built-in provider, only what is written changes; a new
 * provider speaks {@code openai} unless it says otherwise, and needs a base URL and a model. {@code
 * models:} declares particular models' capabilities (by name or pattern, written over what the
 * model could do before); {@code headers:}, {@code query:} and {@code key_header:} are what a host
 * such as Azure OpenAI or OpenRouter needs on every request.
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
    Double tokenRatio,
    @JsonSetter(contentNulls = Nulls.FAIL) Map<String, CapabilitiesSection> models,
    @JsonSetter(contentNulls = Nulls.FAIL) Map<String, HeaderValueSection> headers,
    @JsonSetter(contentNulls = Nulls.FAIL) Map<String, String> query,
    String keyHeader,
    Boolean streamEndMarker) {

  static final ProviderSection EMPTY =
      new ProviderSection(
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

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
    if (models != null) {
      // each entry is written over what the model could do before it: only the differences
      models.forEach((model, section) -> b.model(model, section.over(b.capabilitiesOf(model))));
    }
    if (headers != null) {
      headers.forEach(
          (header, value) -> {
            if (value.env() != null) {
              b.secretHeader(header, value.env(), null);
            } else {
              b.header(header, value.value());
            }
          });
    }
    if (query != null) {
      query.forEach(b::query);
    }
    if (keyHeader != null) {
      b.keyHeader(keyHeader);
    }
    if (streamEndMarker != null) {
      b.endMarker(streamEndMarker);
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
