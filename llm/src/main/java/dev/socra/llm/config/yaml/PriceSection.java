package dev.socra.llm.config.yaml;

import dev.socra.llm.pricing.Price;
import java.math.BigDecimal;
import java.time.LocalDate;

/** {@code { input: 0.12, output: 0.30, as_of: 2026-11-01, source: https://… }}, per M tokens. */
public record PriceSection(BigDecimal input, BigDecimal output, LocalDate asOf, String source) {
  public PriceSection {
    if (input == null || output == null) {
      throw new IllegalArgumentException(
          "input and output (US dollars per million tokens) are required numbers");
    }
    if (input.signum() < 0 || output.signum() < 0) {
      throw new IllegalArgumentException("prices cannot be negative");
    }
  }

  public Price toPrice() {
    return new Price(input, output, asOf, source == null ? "configured" : source);
  }
}
