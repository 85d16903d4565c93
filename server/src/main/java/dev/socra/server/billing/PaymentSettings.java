package dev.socra.server.billing;

import static dev.socra.server.EnvVariables.integer;
import static dev.socra.server.EnvVariables.value;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The payment settings, read once from the environment and checked: a bad value stops the start
 * with a message naming the variable (never its secret value). Without {@code SOCRA_PAYMENTS}
 * everything is free, as before payments existed. Reference: docs/configuration.md.
 *
 * @param provider {@code SOCRA_PAYMENTS}: {@code razorpay}, {@code stripe}, or empty (free)
 * @param price {@code SOCRA_PRICE}: one credit, {@code 499 INR}
 * @param bundles {@code SOCRA_BUNDLES}: {@code 1:499,3:1299}; one credit at the price by default
 * @param freeCredits {@code SOCRA_FREE_CREDITS}: granted to each account once
 * @param reconcileEvery {@code SOCRA_RECONCILE_MINUTES}: how often open checkouts are asked after
 */
public record PaymentSettings(
    Optional<ProviderName> provider,
    Money price,
    List<Bundle> bundles,
    int freeCredits,
    Duration reconcileEvery,
    Razorpay razorpay,
    Stripe stripe) {

  public static final String DEFAULT_RAZORPAY_BASE = "https://api.razorpay.com";
  public static final String DEFAULT_CHECKOUT_SCRIPT =
      "https://checkout.razorpay.com/v1/checkout.js";
  public static final String DEFAULT_STRIPE_BASE = "https://api.stripe.com";

  /** Razorpay's keys: {@code RAZORPAY_KEY_ID}, {@code RAZORPAY_KEY_SECRET} ... */
  public record Razorpay(
      String keyId, Secret keySecret, Secret webhookSecret, URI baseUrl, URI checkoutScript) {}

  /** Stripe's keys: {@code STRIPE_SECRET_KEY}, {@code STRIPE_WEBHOOK_SECRET}, ... */
  public record Stripe(Secret secretKey, Secret webhookSecret, URI baseUrl) {}

  public boolean enabled() {
    return provider.isPresent();
  }

  /**
   * The origins the pages' Content-Security-Policy must allow, by directive, for the provider's
   * checkout to work: Razorpay Checkout's script (and its frames and calls), and for Stripe the
   * hosted page a form redirects to. Empty without payments.
   */
  public Map<String, List<String>> pageSources() {
    if (provider.isEmpty()) {
      return Map.of();
    }
    return switch (provider.get()) {
      case RAZORPAY -> {
        String script = origin(razorpay.checkoutScript());
        String api = origin(razorpay.baseUrl());
        List<String> both = script.equals(api) ? List.of(script) : List.of(script, api);
        yield Map.of("script-src", List.of(script), "frame-src", both, "connect-src", both);
      }
      case STRIPE -> {
        String api = origin(stripe.baseUrl());
        yield Map.of(
            "form-action",
            List.of(api.equals("https://api.stripe.com") ? "https://checkout.stripe.com" : api));
      }
    };
  }

  private static String origin(URI u) {
    return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
  }

  public Optional<Bundle> bundle(int credits) {
    return bundles.stream().filter(b -> b.credits() == credits).findFirst();
  }

  public static PaymentSettings from(Map<String, String> env) {
    Optional<ProviderName> provider =
        value(env, "SOCRA_PAYMENTS")
            .filter(v -> !v.equalsIgnoreCase("off") && !v.equalsIgnoreCase("none"))
            .map(
                v -> {
                  try {
                    return ProviderName.of(v);
                  } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                        "SOCRA_PAYMENTS must be 'razorpay' or 'stripe' (or unset: free), was '"
                            + v
                            + "'");
                  }
                });
    Money price = price(env, provider.isPresent());
    List<Bundle> bundles = bundles(env, price);
    int free = integer(env, "SOCRA_FREE_CREDITS", 0, 0, 1_000);
    Duration every = Duration.ofMinutes(integer(env, "SOCRA_RECONCILE_MINUTES", 5, 1, 1_440));
    Razorpay razorpay =
        new Razorpay(
            value(env, "RAZORPAY_KEY_ID").orElse(""),
            Secret.of(env.get("RAZORPAY_KEY_SECRET")),
            Secret.of(env.get("RAZORPAY_WEBHOOK_SECRET")),
            url(env, "RAZORPAY_BASE_URL", DEFAULT_RAZORPAY_BASE),
            url(env, "RAZORPAY_CHECKOUT_JS", DEFAULT_CHECKOUT_SCRIPT));
    Stripe stripe =
        new Stripe(
            Secret.of(env.get("STRIPE_SECRET_KEY")),
            Secret.of(env.get("STRIPE_WEBHOOK_SECRET")),
            url(env, "STRIPE_BASE_URL", DEFAULT_STRIPE_BASE));
    provider.ifPresent(
        p -> {
          switch (p) {
            case RAZORPAY -> {
              require(!razorpay.keyId().isEmpty(), "RAZORPAY_KEY_ID", p);
              require(!razorpay.keySecret().isEmpty(), "RAZORPAY_KEY_SECRET", p);
              require(!razorpay.webhookSecret().isEmpty(), "RAZORPAY_WEBHOOK_SECRET", p);
            }
            case STRIPE -> {
              require(!stripe.secretKey().isEmpty(), "STRIPE_SECRET_KEY", p);
              require(!stripe.webhookSecret().isEmpty(), "STRIPE_WEBHOOK_SECRET", p);
            }
          }
        });
    return new PaymentSettings(provider, price, bundles, free, every, razorpay, stripe);
  }

  private static void require(boolean present, String name, ProviderName p) {
    if (!present) {
      throw new IllegalArgumentException(name + " must be set when SOCRA_PAYMENTS=" + p.id());
    }
  }

  private static Money price(Map<String, String> env, boolean required) {
    Optional<String> v = value(env, "SOCRA_PRICE");
    if (v.isEmpty()) {
      if (required) {
        throw new IllegalArgumentException(
            "SOCRA_PRICE must be set when SOCRA_PAYMENTS is: the price of one masterplan, such as"
                + " '499 INR' or '6 USD'");
      }
      return Money.parse("499 INR");
    }
    try {
      return Money.parse(v.get());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "SOCRA_PRICE must be an amount and a currency such as '499 INR' or '6 USD', was '"
              + v.get()
              + "': "
              + e.getMessage());
    }
  }

  private static List<Bundle> bundles(Map<String, String> env, Money price) {
    Optional<String> v = value(env, "SOCRA_BUNDLES");
    if (v.isEmpty()) {
      return List.of(new Bundle(1, price));
    }
    List<Bundle> out = new ArrayList<>();
    for (String part : v.get().split(",")) {
      String[] kv = part.strip().split(":");
      try {
        if (kv.length != 2) {
          throw new IllegalArgumentException("each bundle is CREDITS:AMOUNT");
        }
        int credits = Integer.parseInt(kv[0].strip());
        if (credits < 1 || credits > 100) {
          throw new IllegalArgumentException("a bundle has 1 to 100 credits");
        }
        if (out.stream().anyMatch(b -> b.credits() == credits)) {
          throw new IllegalArgumentException("two bundles of " + credits + " credits");
        }
        out.add(new Bundle(credits, Money.of(kv[1], price.currency())));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "SOCRA_BUNDLES must list CREDITS:AMOUNT pairs in SOCRA_PRICE's currency such as"
                + " '1:499,3:1299', was '"
                + v.get()
                + "': "
                + e.getMessage());
      }
    }
    return List.copyOf(out);
  }

  private static URI url(Map<String, String> env, String name, String def) {
    String v = value(env, name).orElse(def);
    try {
      URI u = URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http") || u.getHost() == null) {
        throw new IllegalArgumentException();
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " must be an http(s) URL, was '" + v + "'");
    }
  }
}
