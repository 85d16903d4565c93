package dev.socra.llm.config.yaml;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.socra.llm.budget.Dimension;
import dev.socra.llm.budget.Limits;

/** {@code limits:} of a provider, each a whole number, 0 for none; what is not written stays. */
public record LimitsSection(
    @JsonDeserialize(using = CountDeserializer.class) Long rpm,
    @JsonDeserialize(using = CountDeserializer.class) Long tpm,
    @JsonDeserialize(using = CountDeserializer.class) Long inputTpm,
    @JsonDeserialize(using = CountDeserializer.class) Long outputTpm,
    @JsonDeserialize(using = CountDeserializer.class) Long rpd,
    @JsonDeserialize(using = CountDeserializer.class) Long tpd,
    @JsonDeserialize(using = CountDeserializer.class) Long concurrency) {

  public Limits over(Limits base) {
    Limits l = base;
    l = rpm == null ? l : l.with(Dimension.REQUESTS_PER_MINUTE, rpm);
    l = tpm == null ? l : l.with(Dimension.TOKENS_PER_MINUTE, tpm);
    l = inputTpm == null ? l : l.with(Dimension.INPUT_TOKENS_PER_MINUTE, inputTpm);
    l = outputTpm == null ? l : l.with(Dimension.OUTPUT_TOKENS_PER_MINUTE, outputTpm);
    l = rpd == null ? l : l.with(Dimension.REQUESTS_PER_DAY, rpd);
    l = tpd == null ? l : l.with(Dimension.TOKENS_PER_DAY, tpd);
    // More calls in flight than an int holds is no limit at all.
    return concurrency == null
        ? l
        : l.withConcurrency((int) Math.min(concurrency, Integer.MAX_VALUE));
  }
}
