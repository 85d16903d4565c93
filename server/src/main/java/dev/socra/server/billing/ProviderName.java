package dev.socra.server.billing;

import java.util.Locale;

/** The payment providers Socra can charge through ({@code SOCRA_PAYMENTS}). */
public enum ProviderName {
  RAZORPAY,
  STRIPE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ProviderName of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
