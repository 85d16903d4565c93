package dev.socra.server.billing;

import com.stripe.StripeClient;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Stripe: a Checkout Session in {@code payment} mode per checkout, the founder sent to Stripe's
 * hosted page and back, and the money believed from the {@code checkout.session.completed} (paid)
 * or {@code checkout.session.async_payment_succeeded} webhook, verified from {@code
 * Stripe-Signature} within a timestamp tolerance, or from the session as Stripe's API returns it.
 * All through stripe-java, pointed at {@code STRIPE_BASE_URL}.
 */
public final class StripeProvider implements PaymentProvider {
  /** Stripe's own default: a signature older than five minutes is a replay. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private final PaymentSettings.Stripe settings;
  private final StripeClient client;
  private final Clock clock;

  public StripeProvider(PaymentSettings.Stripe settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.client =
        StripeClient.builder()
            .setApiKey(settings.secretKey().reveal())
            .setApiBase(settings.baseUrl().toString())
            .setConnectTimeout(20_000)
            .setReadTimeout(30_000)
            .setMaxNetworkRetries(1)
            .build();
  }

  @Override
  public ProviderName name() {
    return ProviderName.STRIPE;
  }

  @Override
  public Created create(String userId, Bundle bundle, String returnUrl, String cancelUrl) {
    String credits = bundle.credits() == 1 ? "1 credit" : bundle.credits() + " credits";
    SessionCreateParams params =
        SessionCreateParams.builder()
            .setMode(SessionCreateParams.Mode.PAYMENT)
            .setSuccessUrl(returnUrl.replace("{CHECKOUT_ID}", "{CHECKOUT_SESSION_ID}"))
            .setCancelUrl(cancelUrl)
            .setClientReferenceId(userId)
            .putMetadata("socra_user", userId)
            .putMetadata("credits", String.valueOf(bundle.credits()))
            .addLineItem(
                SessionCreateParams.LineItem.builder()
                    .setQuantity(1L)
                    .setPriceData(
                        SessionCreateParams.LineItem.PriceData.builder()
                            .setCurrency(bundle.price().code().toLowerCase(Locale.ROOT))
                            .setUnitAmount(bundle.price().minor())
                            .setProductData(
                                SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                    .setName("Socra masterplan: " + credits)
                                    .build())
                            .build())
                    .build())
            .build();
    try {
      Session s = client.v1().checkout().sessions().create(params);
      if (s.getId() == null || s.getUrl() == null) {
        throw new ProviderUnavailable("stripe answered a checkout session without an id or url");
      }
      return new Created(s.getId(), s.getUrl());
    } catch (StripeException e) {
      throw unavailable("create a checkout session", e);
    }
  }

  @Override
  public CheckoutState state(Payment payment) {
    try {
      Session s = client.v1().checkout().sessions().retrieve(payment.checkoutId());
      return switch (String.valueOf(s.getStatus())) {
        case "complete" ->
            "paid".equals(s.getPaymentStatus())
                    || "no_payment_required".equals(s.getPaymentStatus())
                ? new CheckoutState.Paid(ref(s), amount(s))
                : new CheckoutState.Open();
        case "expired" -> new CheckoutState.Expired();
        default -> new CheckoutState.Open();
      };
    } catch (StripeException e) {
      throw unavailable("retrieve a checkout session", e);
    }
  }

  @Override
  public java.util.Optional<String> reversal(Payment payment) {
    String ref = payment.paymentRef();
    if (ref == null || !ref.startsWith("pi_")) {
      return java.util.Optional.empty();
    }
    try {
      com.stripe.model.PaymentIntent pi =
          client
              .v1()
              .paymentIntents()
              .retrieve(
                  ref,
                  com.stripe.param.PaymentIntentRetrieveParams.builder()
                      .addExpand("latest_charge")
                      .build());
      Charge charge = pi.getLatestChargeObject();
      if (charge == null) {
        return java.util.Optional.empty();
      }
      if (Boolean.TRUE.equals(charge.getDisputed())) {
        return java.util.Optional.of("disputed at Stripe");
      }
      boolean refunded =
          Boolean.TRUE.equals(charge.getRefunded())
              || (charge.getAmountRefunded() != null && charge.getAmountRefunded() > 0);
      return refunded ? java.util.Optional.of("refunded at Stripe") : java.util.Optional.empty();
    } catch (StripeException e) {
      throw unavailable("retrieve a payment", e);
    }
  }

  @Override
  public WebhookEvent read(byte[] body, Map<String, String> headers) {
    String signature = headers.get("stripe-signature");
    if (signature == null || signature.isBlank()) {
      throw new WebhookRejected("no Stripe-Signature header");
    }
    Event event;
    try {
      event =
          com.stripe.net.Webhook.constructEvent(
              new String(body, StandardCharsets.UTF_8),
              signature,
              settings.webhookSecret().reveal(),
              TOLERANCE.toSeconds(),
              clock);
    } catch (SignatureVerificationException e) {
      String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      throw new WebhookRejected(
          m.contains("tolerance")
              ? "the Stripe-Signature timestamp is outside the tolerance (a replay or a clock off)"
              : "the Stripe-Signature does not match the body");
    } catch (RuntimeException e) {
      throw new WebhookRejected("a signed body that is not a Stripe event");
    }
    if (event.getAccount() != null && !event.getAccount().isBlank()) {
      throw new WebhookRejected("an event of another Stripe account (a connected account)");
    }
    String id = event.getId();
    String type = String.valueOf(event.getType());
    if (id == null || id.isBlank()) {
      throw new WebhookRejected("an event without an id");
    }
    return switch (type) {
      case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> {
        Session s = object(event, Session.class);
        yield "paid".equals(s.getPaymentStatus())
            ? new WebhookEvent.Paid(id, type, s.getId(), ref(s), amount(s))
            : new WebhookEvent.Ignored(id, type); // paid later: async_payment_succeeded
      }
      case "checkout.session.async_payment_failed" ->
          new WebhookEvent.Failed(
              id, type, object(event, Session.class).getId(), "the payment did not go through");
      case "checkout.session.expired" ->
          new WebhookEvent.Expired(id, type, object(event, Session.class).getId());
      case "charge.refunded" ->
          new WebhookEvent.Reversed(
              id, type, null, object(event, Charge.class).getPaymentIntent(), "refunded at Stripe");
      case "charge.dispute.created" ->
          new WebhookEvent.Reversed(
              id,
              type,
              null,
              object(event, Dispute.class).getPaymentIntent(),
              "disputed at Stripe");
      default -> new WebhookEvent.Ignored(id, type);
    };
  }

  private static <T extends StripeObject> T object(Event event, Class<T> type) {
    StripeObject o;
    try {
      var d = event.getDataObjectDeserializer();
      o = d.getObject().isPresent() ? d.getObject().get() : d.deserializeUnsafe();
    } catch (EventDataObjectDeserializationException | RuntimeException e) {
      throw new WebhookRejected("an event whose object cannot be read");
    }
    if (!type.isInstance(o)) {
      throw new WebhookRejected("an event whose object is not a " + type.getSimpleName());
    }
    return type.cast(o);
  }

  /** The payment's id: the PaymentIntent, or the session itself for a payment without one. */
  private static String ref(Session s) {
    return s.getPaymentIntent() != null ? s.getPaymentIntent() : s.getId();
  }

  private static Amount amount(Session s) {
    return new Amount(s.getAmountTotal() == null ? -1 : s.getAmountTotal(), s.getCurrency());
  }

  private static ProviderUnavailable unavailable(String what, StripeException e) {
    // Stripe's message can quote the request; its status and code say enough.
    return new ProviderUnavailable(
        "stripe could not "
            + what
            + ": HTTP "
            + e.getStatusCode()
            + (e.getCode() == null ? "" : " " + e.getCode())
            + " ("
            + e.getClass().getSimpleName()
            + ")");
  }
}
