package dev.socra.server.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.razorpay.RazorpayException;
import com.razorpay.Utils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.json.JSONObject;

/**
 * Razorpay: an Order per checkout (Orders API), Razorpay Checkout in the page, and the payment
 * believed only from a verified signature: the handler's {@code razorpay_signature} (HMAC-SHA256 of
 * {@code order_id|payment_id} with the key secret) or the webhook's {@code X-Razorpay-Signature}
 * (HMAC-SHA256 of the raw body with the webhook secret), both checked with razorpay-java's {@link
 * Utils}. Its REST calls go through the JDK's client: razorpay-java's own client has a fixed host
 * (docs/decisions.md).
 */
public final class RazorpayProvider implements PaymentProvider {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final PaymentSettings.Razorpay settings;
  private final HttpClient http;

  public RazorpayProvider(PaymentSettings.Razorpay settings) {
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public ProviderName name() {
    return ProviderName.RAZORPAY;
  }

  public String keyId() {
    return settings.keyId();
  }

  public URI checkoutScript() {
    return settings.checkoutScript();
  }

  @Override
  public Created create(String userId, Bundle bundle, String returnUrl, String cancelUrl) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("amount", bundle.price().minor());
    body.put("currency", bundle.price().code());
    // a receipt is at most 40 characters
    body.put("receipt", "socra-" + UUID.randomUUID().toString().substring(0, 23));
    body.put("notes", Map.of("socra_user", userId, "credits", String.valueOf(bundle.credits())));
    JsonNode order = call("POST", "/v1/orders", body);
    String id = order.path("id").asText("");
    if (id.isEmpty()) {
      throw new ProviderUnavailable("razorpay answered an order without an id");
    }
    return new Created(id, null);
  }

  /**
   * The order's payments: a captured one is the money; an authorised one is captured now (for
   * accounts without automatic capture); otherwise the last failure, if any.
   */
  @Override
  public CheckoutState state(Payment payment) {
    JsonNode items = call("GET", "/v1/orders/" + path(payment.checkoutId()) + "/payments", null);
    String failure = null;
    for (JsonNode p : items.path("items")) {
      String status = p.path("status").asText("");
      switch (status) {
        case "captured", "refunded" -> {
          return new CheckoutState.Paid(p.path("id").asText(), amount(p));
        }
        case "authorized" -> {
          if (!amount(p).matches(payment.amount())) {
            return new CheckoutState.Paid(p.path("id").asText(), amount(p));
          }
          JsonNode captured =
              call(
                  "POST",
                  "/v1/payments/" + path(p.path("id").asText()) + "/capture",
                  Map.of("amount", payment.amountMinor(), "currency", payment.currency()));
          return new CheckoutState.Paid(captured.path("id").asText(), amount(captured));
        }
        case "failed" -> failure = p.path("error_description").asText("the payment failed");
        default -> {}
      }
    }
    return failure == null ? new CheckoutState.Open() : new CheckoutState.Failed(failure);
  }

  @Override
  public java.util.Optional<String> reversal(Payment payment) {
    if (payment.paymentRef() == null) {
      return java.util.Optional.empty();
    }
    JsonNode p = call("GET", "/v1/payments/" + path(payment.paymentRef()), null);
    boolean refunded =
        p.path("status").asText("").equals("refunded") || p.path("amount_refunded").asLong(0) > 0;
    return refunded ? java.util.Optional.of("refunded at Razorpay") : java.util.Optional.empty();
  }

  /** Checks the Checkout handler's {@code razorpay_signature} with the key secret. */
  public boolean handlerSigned(String orderId, String paymentId, String signature) {
    if (orderId == null || paymentId == null || signature == null) {
      return false;
    }
    try {
      JSONObject fields = new JSONObject();
      fields.put("razorpay_order_id", orderId);
      fields.put("razorpay_payment_id", paymentId);
      fields.put("razorpay_signature", signature);
      return Utils.verifyPaymentSignature(fields, settings.keySecret().reveal());
    } catch (RazorpayException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public WebhookEvent read(byte[] body, Map<String, String> headers) {
    String signature = headers.get("x-razorpay-signature");
    if (signature == null || signature.isBlank()) {
      throw new WebhookRejected("no X-Razorpay-Signature header");
    }
    String payload = new String(body, StandardCharsets.UTF_8);
    boolean signed;
    try {
      signed =
          Utils.verifyWebhookSignature(
              payload, signature.strip(), settings.webhookSecret().reveal());
    } catch (RazorpayException | RuntimeException e) {
      signed = false;
    }
    if (!signed) {
      throw new WebhookRejected("the X-Razorpay-Signature does not match the body");
    }
    JsonNode event;
    try {
      event = JSON.readTree(body);
    } catch (IOException e) {
      throw new WebhookRejected("a signed body that is not JSON");
    }
    if (event == null || !event.isObject()) {
      throw new WebhookRejected("a signed body that is not a JSON object");
    }
    String type = event.path("event").asText("");
    // Razorpay names each event in a header; a delivery without it is told apart by its body.
    String id = headers.getOrDefault("x-razorpay-event-id", "");
    if (id.isBlank()) {
      id = "sha256:" + sha256(body);
    }
    JsonNode payment = event.path("payload").path("payment").path("entity");
    String orderId = payment.path("order_id").asText(null);
    return switch (type) {
      case "payment.captured" ->
          new WebhookEvent.Paid(
              id, type, orderId, payment.path("id").asText(null), amount(payment));
      case "order.paid" -> {
        JsonNode order = event.path("payload").path("order").path("entity");
        yield new WebhookEvent.Paid(
            id,
            type,
            order.path("id").asText(orderId),
            payment.path("id").asText(null),
            amount(payment));
      }
      case "payment.failed" ->
          new WebhookEvent.Failed(
              id, type, orderId, payment.path("error_description").asText("the payment failed"));
      case "refund.created", "refund.processed" ->
          new WebhookEvent.Reversed(
              id,
              type,
              orderId,
              event.path("payload").path("refund").path("entity").path("payment_id").asText(null),
              "refunded at Razorpay");
      case "payment.dispute.created", "payment.dispute.lost" ->
          new WebhookEvent.Reversed(
              id,
              type,
              orderId,
              event.path("payload").path("dispute").path("entity").path("payment_id").asText(null),
              "disputed at Razorpay");
      default -> new WebhookEvent.Ignored(id, type);
    };
  }

  private static Amount amount(JsonNode payment) {
    return new Amount(payment.path("amount").asLong(-1), payment.path("currency").asText(null));
  }

  private JsonNode call(String method, String path, Object body) {
    String auth =
        Base64.getEncoder()
            .encodeToString(
                (settings.keyId() + ":" + settings.keySecret().reveal())
                    .getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(settings.baseUrl() + path))
            .timeout(TIMEOUT)
            .header("Authorization", "Basic " + auth)
            .header("Accept", "application/json");
    try {
      if (body == null) {
        b.GET();
      } else {
        b.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      }
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() / 100 != 2) {
        throw new ProviderUnavailable(
            "razorpay answered HTTP " + r.statusCode() + " to " + method + " " + route(path));
      }
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new ProviderUnavailable(
          "razorpay could not be reached for "
              + method
              + " "
              + route(path)
              + ": "
              + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderUnavailable("interrupted while asking razorpay");
    }
  }

  /** The path with ids left out, for messages. */
  private static String route(String path) {
    return path.replaceAll("/(order|pay)_[A-Za-z0-9]+", "/$1_…");
  }

  private static String path(String id) {
    if (!id.matches("[A-Za-z0-9_]{1,100}")) {
      throw new IllegalArgumentException("not a Razorpay id");
    }
    return id;
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
