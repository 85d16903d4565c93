package dev.socra.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Costs in dollars, as precise as the amount needs: never "0.000000". */
class MoneyTest {
  @ParameterizedTest
  @CsvSource({
    "0, $0",
    "0.000000, $0",
    "0.0071234, $0.0071",
    "0.000012, $0.000012",
    "0.04567, $0.046",
    "0.12345, $0.12",
    "0.5, $0.50",
    "0.996, $1.00",
    "1.234, $1.23",
    "12, $12.00",
    "-0.0071, -$0.0071"
  })
  void amountsReadAsDollars(String amount, String shown) {
    assertThat(Money.dollars(new BigDecimal(amount))).isEqualTo(shown);
  }
}
