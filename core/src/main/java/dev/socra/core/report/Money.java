package dev.socra.core.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Costs as a reader takes them in: dollars with the precision the amount needs. A session on small
 * models costs fractions of a cent, where a fixed six decimals reads "0.000000" and cents read
 * "$0".
 */
public final class Money {
  private Money() {}

  /**
   * "$0" for nothing; "$1.23" from a dollar up; two significant figures below ("$0.0071", "$0.12",
   * "$0.50"), so that the smallest cost still shows what it is.
   */
  public static String dollars(BigDecimal amount) {
    if (amount == null || amount.signum() == 0) {
      return "$0";
    }
    String sign = amount.signum() < 0 ? "-" : "";
    BigDecimal a = amount.abs();
    if (a.compareTo(BigDecimal.ONE) >= 0) {
      return sign + "$" + a.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
    BigDecimal rounded = a.round(new MathContext(2, RoundingMode.HALF_UP));
    if (rounded.compareTo(BigDecimal.ONE) >= 0) {
      return sign + "$1.00";
    }
    if (rounded.scale() < 2) {
      rounded = rounded.setScale(2, RoundingMode.UNNECESSARY);
    }
    return sign + "$" + rounded.toPlainString();
  }
}
