package dev.socra.server.billing.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fake Stripe on loopback HTTP: Checkout Sessions in {@code payment} mode, a hosted page to pay
 * on, and signed webhooks delivered through a {@link WebhookOutbox}.
 *
 * <p>The API, with {@code Authorization: Bearer <secret key>} (else 401 {@code {"error":{"type":
 * "invalid_request_error","message":"Invalid API Key provided: sk_test_****…"}}}):
 *
 * <ul>
 *   <li>{@code POST /v1/checkout/sessions}, form-encoded as Stripe's clients send it ({@code
 *       mode=payment}, {@code success_url}, {@code cancel_url}, {@code client_reference_id}, {@code
 *       metadata[k]}, {@code line_items[0][quantity]}, {@code
 *       line_items[0][price_data][currency|unit_amount|product_data][name]]}) → a {@code
 *       checkout.session}: {@code {"id":"cs_test_…","object":"checkout.session","mode":"payment",
 *       "status":"open","payment_status":"unpaid","amount_total":…,"currency":"inr","url":…,
 *       "payment_intent":null,"metadata":{…},…}}
 *   <li>{@code GET /v1/checkout/sessions/{id}} → the session as it stands
 *   <li>{@code GET /v1/payment_intents/{id}} → {@code {"id":"pi_…","object":"payment_intent",
 *       "status":"succeeded","latest_charge":{"object":"charge","refunded":…,"amount_refunded":…,
 *       "disputed":…}}} (the charge always expanded)
 * </ul>
 *
 * <p>The founder's side: {@code GET /pay/{id}} is the hosted page (a "Pay" button, a "Back" link to
 * the cancel URL); {@code POST /pay/{id}} completes the session (paid, or unpaid with {@link
 * #asyncPayments}) and redirects 303 to the success URL with {@code {CHECKOUT_SESSION_ID}}
 * replaced.
 *
 * <p>Webhooks: {@code checkout.session.completed}, {@code
 * checkout.session.async_payment_succeeded}, {@code checkout.session.expired}, {@code
 * charge.refunded}, {@code charge.dispute.created}, each an {@code event} object ({@code
 * {"id":"evt_…","object":"event","api_version":…,"type":…,"data": {"object":…}}}) signed {@code
 * Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256(t + "." + body, webhook secret)>} at the fake's
 * clock plus {@link #signatureSkew}.
 */
public final class FakeStripe implements AutoCloseable {
  private final HttpServer server;
  private final String secretKey;
  private final String webhookSecret;
  private final Clock clock;
  private final WebhookOutbox outbox = new WebhookOutbox();
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Map<String, Object>> sessions = new LinkedHashMap<>();
  private final AtomicLong ids = new AtomicLong(1000);
  private final List<String> requests = new ArrayList<>();
  private volatile boolean down;
  private volatile boolean async;
  private volatile Duration skew = Duration.ZERO;
  private volatile String account;

  public FakeStripe(String secretKey, String webhookSecret, Clock clock) {
    this.secretKey = secretKey;
    this.webhookSecret = webhookSecret;
    this.clock = clock;
    this.server = FakeHttp.start();
    server.createContext("/", this::route);
    server.start();
  }

  public String baseUrl() {
    return FakeHttp.base(server);
  }

  public WebhookOutbox webhooks() {
    return outbox;
  }

  public void down(boolean down) {
    this.down = down;
  }

  /** On: a completed session is unpaid until {@link #asyncSucceed} (a bank debit). */
  public void asyncPayments(boolean on) {
    this.async = on;
  }

  /** Signs events this much off the fake's clock (a replayed or delayed delivery). */
  public void signatureSkew(Duration skew) {
    this.skew = skew;
  }

  /** Events name this connected account (an event meant for another Stripe account). */
  public void eventAccount(String account) {
    this.account = account;
  }

  public List<String> requests() {
    lock.lock();
    try {
      return List.copyOf(requests);
    } finally {
      lock.unlock();
    }
  }

  public Map<String, Object> session(String id) {
    lock.lock();
    try {
      Map<String, Object> s = sessions.get(id);
      if (s == null) {
        throw new IllegalArgumentException("no checkout session " + id);
      }
      return s;
    } finally {
      lock.unlock();
    }
  }

  public List<String> sessionIds() {
    lock.lock();
    try {
      return List.copyOf(sessions.keySet());
    } finally {
      lock.unlock();
    }
  }

  /** The founder pays on the hosted page; returns the success URL they are sent to. */
  public String pay(String sessionId) {
    return pay(sessionId, null, null);
  }

  /** A completed session reporting {@code amount} {@code currency} (a tampered one, for tests). */
  public String pay(String sessionId, Long amount, String currency) {
    Map<String, Object> s;
    lock.lock();
    try {
      s = session(sessionId);
      if (!"open".equals(s.get("status"))) {
        throw new IllegalStateException("session " + sessionId + " is " + s.get("status"));
      }
      if (amount != null) {
        s.put("amount_total", amount);
        s.put("amount_subtotal", amount);
      }
      if (currency != null) {
        s.put("currency", currency);
      }
      s.put("status", "complete");
      s.put("payment_intent", "pi_" + ids.incrementAndGet() + "FAKE");
      s.put("payment_status", async ? "unpaid" : "paid");
    } finally {
      lock.unlock();
    }
    event("checkout.session.completed", copy(s));
    return ((String) s.get("success_url")).replace("{CHECKOUT_SESSION_ID}", sessionId);
  }

  /** The bank debit of an async payment cleared. */
  public void asyncSucceed(String sessionId) {
    Map<String, Object> s;
    lock.lock();
    try {
      s = session(sessionId);
      s.put("payment_status", "paid");
    } finally {
      lock.unlock();
    }
    event("checkout.session.async_payment_succeeded", copy(s));
  }

  /** The session expires unpaid. */
  public void expire(String sessionId) {
    Map<String, Object> s;
    lock.lock();
    try {
      s = session(sessionId);
      s.put("status", "expired");
    } finally {
      lock.unlock();
    }
    event("checkout.session.expired", copy(s));
  }

  /** The operator refunds the payment in Stripe's dashboard. */
  public void refund(String sessionId) {
    Map<String, Object> s = session(sessionId);
    s.put("_refunded", true);
    Map<String, Object> charge = new LinkedHashMap<>();
    charge.put("id", "ch_" + ids.incrementAndGet() + "FAKE");
    charge.put("object", "charge");
    charge.put("amount", s.get("amount_total"));
    charge.put("amount_refunded", s.get("amount_total"));
    charge.put("currency", s.get("currency"));
    charge.put("payment_intent", s.get("payment_intent"));
    charge.put("refunded", true);
    charge.put("paid", true);
    charge.put("status", "succeeded");
    event("charge.refunded", charge);
  }

  /** The card holder disputes the payment. */
  public void dispute(String sessionId) {
    Map<String, Object> s = session(sessionId);
    s.put("_disputed", true);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("id", "dp_" + ids.incrementAndGet() + "FAKE");
    d.put("object", "dispute");
    d.put("amount", s.get("amount_total"));
    d.put("currency", s.get("currency"));
    d.put("charge", "ch_" + ids.incrementAndGet() + "FAKE");
    d.put("payment_intent", s.get("payment_intent"));
    d.put("reason", "fraudulent");
    d.put("status", "needs_response");
    event("charge.dispute.created", d);
  }

  /** A {@code Stripe-Signature} header for {@code body} at unix time {@code t}. */
  public String signature(byte[] body, long t) {
    return "t="
        + t
        + ",v1="
        + Hmac.sha256Hex(webhookSecret, t + "." + new String(body, StandardCharsets.UTF_8));
  }

  private void event(String type, Map<String, Object> object) {
    Map<String, Object> e = new LinkedHashMap<>();
    String id = "evt_" + ids.incrementAndGet() + "FAKE";
    e.put("id", id);
    e.put("object", "event");
    e.put("api_version", com.stripe.Stripe.API_VERSION);
    e.put("created", clock.instant().getEpochSecond());
    e.put("data", Map.of("object", object));
    e.put("livemode", false);
    e.put("pending_webhooks", 1);
    e.put("type", type);
    if (account != null) {
      e.put("account", account);
    }
    try {
      byte[] body = FakeHttp.JSON.writeValueAsBytes(e);
      long t = clock.instant().plus(skew).getEpochSecond();
      outbox.queue(id, type, body, Map.of("Stripe-Signature", signature(body, t)));
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static Map<String, Object> copy(Map<String, Object> s) {
    return new LinkedHashMap<>(s);
  }

  private void route(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    String method = x.getRequestMethod();
    try {
      if (path.startsWith("/pay/")) {
        hosted(x, path.substring("/pay/".length()), method);
        return;
      }
      lock.lock();
      try {
        requests.add(method + " " + path);
      } finally {
        lock.unlock();
      }
      if (down) {
        FakeHttp.json(x, 503, error("api_error", "Stripe is unavailable"));
        return;
      }
      if (!("Bearer " + secretKey).equals(x.getRequestHeaders().getFirst("Authorization"))) {
        FakeHttp.json(
            x,
            401,
            error("invalid_request_error", "Invalid API Key provided: sk_test_****" + "WXYZ"));
        return;
      }
      if (method.equals("POST") && path.equals("/v1/checkout/sessions")) {
        create(x);
      } else if (method.equals("GET") && path.startsWith("/v1/payment_intents/")) {
        paymentIntent(x, path.substring("/v1/payment_intents/".length()));
      } else if (method.equals("GET") && path.startsWith("/v1/checkout/sessions/")) {
        String id = path.substring("/v1/checkout/sessions/".length());
        Map<String, Object> s;
        lock.lock();
        try {
          s = sessions.get(id);
          s = s == null ? null : copy(s);
        } finally {
          lock.unlock();
        }
        if (s == null) {
          FakeHttp.json(x, 404, error("invalid_request_error", "No such checkout.session: " + id));
        } else {
          FakeHttp.json(x, 200, s);
        }
      } else {
        FakeHttp.json(x, 404, error("invalid_request_error", "Unrecognized request URL"));
      }
    } catch (RuntimeException e) {
      FakeHttp.json(x, 400, error("invalid_request_error", String.valueOf(e.getMessage())));
    }
  }

  /** A PaymentIntent, its {@code latest_charge} always expanded (refunded, disputed). */
  private void paymentIntent(HttpExchange x, String id) throws IOException {
    Map<String, Object> s;
    lock.lock();
    try {
      s =
          sessions.values().stream()
              .filter(v -> id.equals(v.get("payment_intent")))
              .findFirst()
              .map(FakeStripe::copy)
              .orElse(null);
    } finally {
      lock.unlock();
    }
    if (s == null) {
      FakeHttp.json(x, 404, error("invalid_request_error", "No such payment_intent: " + id));
      return;
    }
    boolean refunded = Boolean.TRUE.equals(s.get("_refunded"));
    Map<String, Object> charge = new LinkedHashMap<>();
    charge.put("id", "ch_for_" + id);
    charge.put("object", "charge");
    charge.put("amount", s.get("amount_total"));
    charge.put("amount_refunded", refunded ? s.get("amount_total") : 0);
    charge.put("currency", s.get("currency"));
    charge.put("payment_intent", id);
    charge.put("refunded", refunded);
    charge.put("disputed", Boolean.TRUE.equals(s.get("_disputed")));
    Map<String, Object> pi = new LinkedHashMap<>();
    pi.put("id", id);
    pi.put("object", "payment_intent");
    pi.put("amount", s.get("amount_total"));
    pi.put("amount_received", s.get("amount_total"));
    pi.put("currency", s.get("currency"));
    pi.put("status", "succeeded");
    pi.put("latest_charge", charge);
    FakeHttp.json(x, 200, pi);
  }

  private void create(HttpExchange x) throws IOException {
    Map<String, String> f = FakeHttp.form(FakeHttp.body(x));
    if (!"payment".equals(f.get("mode"))) {
      FakeHttp.json(x, 400, error("invalid_request_error", "mode must be payment here"));
      return;
    }
    long unit = Long.parseLong(f.get("line_items[0][price_data][unit_amount]"));
    long quantity = Long.parseLong(f.getOrDefault("line_items[0][quantity]", "1"));
    String id = "cs_test_" + ids.incrementAndGet() + "FAKE";
    Map<String, Object> metadata = new LinkedHashMap<>();
    f.forEach(
        (k, v) -> {
          if (k.startsWith("metadata[")) {
            metadata.put(k.substring("metadata[".length(), k.length() - 1), v);
          }
        });
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("id", id);
    s.put("object", "checkout.session");
    s.put("mode", "payment");
    s.put("status", "open");
    s.put("payment_status", "unpaid");
    s.put("amount_subtotal", unit * quantity);
    s.put("amount_total", unit * quantity);
    s.put("currency", f.get("line_items[0][price_data][currency]"));
    s.put("client_reference_id", f.get("client_reference_id"));
    s.put("metadata", metadata);
    s.put("success_url", f.get("success_url"));
    s.put("cancel_url", f.get("cancel_url"));
    s.put("url", baseUrl() + "/pay/" + id);
    s.put("payment_intent", null);
    s.put("livemode", false);
    s.put("created", clock.instant().getEpochSecond());
    s.put("expires_at", clock.instant().plus(Duration.ofHours(24)).getEpochSecond());
    s.put("product_name", f.get("line_items[0][price_data][product_data][name]"));
    lock.lock();
    try {
      sessions.put(id, s);
    } finally {
      lock.unlock();
    }
    FakeHttp.json(x, 200, s);
  }

  private void hosted(HttpExchange x, String id, String method) throws IOException {
    Map<String, Object> s;
    lock.lock();
    try {
      s = sessions.get(id);
    } finally {
      lock.unlock();
    }
    if (s == null) {
      FakeHttp.html(x, 404, "<!DOCTYPE html><title>Not found</title><h1>No such checkout</h1>");
      return;
    }
    if (method.equals("POST")) {
      FakeHttp.redirect(x, pay(id));
      return;
    }
    long total = ((Number) s.get("amount_total")).longValue();
    String currency = String.valueOf(s.get("currency")).toUpperCase(java.util.Locale.ROOT);
    String html =
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Fake Stripe"
            + " Checkout</title></head><body><h1>Fake Stripe Checkout</h1>"
            + "<p class=\"product\">"
            + FakeHttp.escape(String.valueOf(s.get("product_name")))
            + "</p><p class=\"amount\">"
            + total
            + " "
            + currency
            + " (minor units)</p>"
            + "<form method=\"post\" action=\"/pay/"
            + FakeHttp.escape(id)
            + "\"><button id=\"fake-stripe-pay\" type=\"submit\">Pay</button></form>"
            + "<p><a id=\"fake-stripe-back\" href=\""
            + FakeHttp.escape(String.valueOf(s.get("cancel_url")))
            + "\">Back</a></p></body></html>";
    FakeHttp.html(x, 200, html);
  }

  private static Map<String, Object> error(String type, String message) {
    return Map.of("error", Map.of("type", type, "message", message));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
