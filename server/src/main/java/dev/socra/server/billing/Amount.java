package dev.socra.server.billing;

import java.util.Locale;

/**
 * What a provider reports as paid, as it reports it (minor units, its currency code), to be checked
 * against the checkout's own amount before anything is credited.
 */
public record Amount(long minor, String currency) {
  public boolean matches(Money expected) {
    return minor == expected.minor()
        && currency != null
        && currency.toUpperCase(Locale.ROOT).equals(expected.code());
  }

  @Override
  public String toString() {
    return minor + " " + (currency == null ? "?" : currency.toUpperCase(Locale.ROOT));
  }
}
