package dev.socra.llm.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/** A model's list price in US dollars per million tokens, with the day it was read and where. */
public record Price(
    BigDecimal inputPerMillion, BigDecimal outputPerMillion, LocalDate asOf, String source) {
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  public static final Price FREE = new Price(BigDecimal.ZERO, BigDecimal.ZERO, null, "no price");

  public BigDecimal cost(int inputTokens, int outputTokens) {
    return inputPerMillion
        .multiply(BigDecimal.valueOf(inputTokens))
        .add(outputPerMillion.multiply(BigDecimal.valueOf(outputTokens)))
        .divide(MILLION, 8, RoundingMode.HALF_UP)
        .stripTrailingZeros();
  }
}
