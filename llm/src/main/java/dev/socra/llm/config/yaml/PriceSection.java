package dev.socra.llm.config.yaml;

import dev.socra.llm.config.ConfigException;
import dev.socra.llm.pricing.Price;
import java.math.BigDecimal;
import java.time.LocalDate;

/** {@code { input: 0.12, output: 0.30, as_of: 2026-11-01, source: https://… }}, per M tokens. */
public record PriceSection(BigDecimal input, BigDecimal output, LocalDate asOf, String source) {

  /**
   * Checked here rather than while binding, so that a misspelt key ({@code in:}) is reported as
   * such and not as a missing price.
   *
   * @param where the entry, as messages name it: {@code prices.gpt-4o-mini in socra.yaml}
   */
  public Price toPrice(String where) {
    if (input == null || output == null) {
      throw new ConfigException(
          where + ": input and output (US dollars per million tokens) are required numbers");
    }
    if (input.signum() < 0 || output.signum() < 0) {
      throw new ConfigException(where + ": prices cannot be negative");
    }
    return new Price(input, output, asOf, source == null ? "configured" : source);
  }
}
