package dev.socra.server.billing;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/**
 * An amount of money in its currency's minor unit (paise, cents; yen have none), never a float.
 * Written by people in the major unit ({@code 499 INR}, {@code 4.99 USD}, {@code 800 JPY}).
 */
public record Money(long minor, Currency currency) {

  public Money {
    if (minor < 0) {
      throw new IllegalArgumentException("an amount cannot be negative");
    }
  }

  /** Parses {@code "499 INR"}: the amount in the major unit, then the ISO 4217 code. */
  public static Money parse(String text) {
    String[] parts = text.strip().split("\\s+");
    if (parts.length != 2) {
      throw new IllegalArgumentException("an amount and a currency such as 499 INR");
    }
    return of(parts[0], currency(parts[1]));
  }

  /** Parses an amount in {@code currency}'s major unit: no more decimals than it has. */
  public static Money of(String major, Currency currency) {
    BigDecimal amount;
    try {
      amount = new BigDecimal(major.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + major + "' is not an amount");
    }
    int digits = digits(currency);
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("an amount must be more than zero");
    }
    if (amount.stripTrailingZeros().scale() > digits) {
      throw new IllegalArgumentException(
          currency.getCurrencyCode()
              + " has "
              + (digits == 0 ? "no minor unit" : digits + " decimal places")
              + ": '"
              + major
              + "' cannot be charged");
    }
    try {
      return new Money(amount.movePointRight(digits).longValueExact(), currency);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + major + "' is too large");
    }
  }

  static Currency currency(String code) {
    try {
      Currency c = Currency.getInstance(code.strip().toUpperCase(Locale.ROOT));
      if (c.getDefaultFractionDigits() < 0) {
        throw new IllegalArgumentException();
      }
      return c;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + code + "' is not an ISO 4217 currency code");
    }
  }

  /** Decimal places of the minor unit: 2 for INR and USD, 0 for JPY, 3 for BHD. */
  static int digits(Currency c) {
    return Math.max(0, c.getDefaultFractionDigits());
  }

  public String code() {
    return currency.getCurrencyCode();
  }

  /** The amount in the major unit as a plain decimal: {@code 499.00}, {@code 800}. */
  public String major() {
    return BigDecimal.valueOf(minor, digits(currency)).toPlainString();
  }

  public Money times(int n) {
    return new Money(Math.multiplyExact(minor, n), currency);
  }

  /** For people: {@code ₹499.00}, {@code $6.00}, {@code ¥800}. */
  public String display() {
    NumberFormat f = NumberFormat.getCurrencyInstance(locale(currency));
    f.setCurrency(currency);
    f.setMinimumFractionDigits(digits(currency));
    f.setMaximumFractionDigits(digits(currency));
    return f.format(BigDecimal.valueOf(minor, digits(currency)));
  }

  private static Locale locale(Currency c) {
    return switch (c.getCurrencyCode()) {
      case "INR" -> Locale.of("en", "IN");
      case "JPY" -> Locale.JAPAN;
      case "GBP" -> Locale.UK;
      default -> Locale.US;
    };
  }

  @Override
  public String toString() {
    return major() + " " + code();
  }
}
