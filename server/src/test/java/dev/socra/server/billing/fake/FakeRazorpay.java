package dev.socra.server.billing.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fake Razorpay on loopback HTTP: the parts of the Orders and Payments APIs Socra uses, a fake
 * Checkout script for the browser, and signed webhooks delivered through a {@link WebhookOutbox}.
 *
 * <p>The API, with HTTP Basic auth of the key id and key secret (else 401 {@code
 * {"error":{"code":"BAD_REQUEST_ERROR","description":"Authentication failed"}}}):
 *
 * <ul>
 *   <li>{@code POST /v1/orders} {@code {"amount":49900,"currency":"INR","receipt":"…","notes":{}}}
 *       → {@code
 *       {"id":"order_…","entity":"order","amount":49900,"amount_paid":0,"amount_due":49900,
 *       "currency":"INR","receipt":"…","status":"created","attempts":0,"notes":{},"created_at":…}}
 *   <li>{@code GET /v1/orders/{id}} → the order; {@code GET /v1/orders/{id}/payments} → {@code
 *       {"entity":"collection","count":n,"items":[payment…]}}
 *   <li>{@code GET /v1/payments/{id}} → {@code {"id":"pay_…","entity":"payment","amount":…,
 *       "currency":"INR","status":"captured|authorized|failed|refunded","order_id":"order_…",
 *       "amount_refunded":0,"captured":true,"error_description":null,…}}
 *   <li>{@code POST /v1/payments/{id}/capture} {@code {"amount":…,"currency":…}} → the payment,
 *       captured (400 if the amount differs)
 * </ul>
 *
 * <p>The founder's side: {@code GET /checkout.js} defines {@code window.Razorpay(options)} with
 * {@code open()} and {@code on("payment.failed", f)}; {@code open()} shows a modal with "Pay" and
 * "Decline" whose clicks POST to {@code /checkout/pay} or {@code /checkout/fail} (CORS, text/plain
 * JSON {@code {"order_id":…}}) and then call {@code options.handler} with {@code
 * razorpay_payment_id}, {@code razorpay_order_id} and {@code razorpay_signature} = hex
 * HMAC-SHA256({@code order_id|payment_id}, key secret), as Razorpay's does.
 *
 * <p>Webhooks: {@code payment.captured}, {@code order.paid}, {@code payment.failed}, {@code
 * refund.processed}, {@code payment.dispute.created}, each {@code {"entity":"event","account_id":…,
 * "event":…,"contains":[…],"payload":{"payment":{"entity":…},…},"created_at":…}} with {@code
 * X-Razorpay-Signature} = hex HMAC-SHA256(raw body, webhook secret) and {@code
 * X-Razorpay-Event-Id}.
 */
public final class FakeRazorpay implements AutoCloseable {
  private final HttpServer server;
  private final String keyId;
  private final String keySecret;
  private final String webhookSecret;
  private final Clock clock;
  private final WebhookOutbox outbox = new WebhookOutbox();
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Map<String, Object>> orders = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> payments = new LinkedHashMap<>();
  private final AtomicLong ids = new AtomicLong(1000);
  private final List<String> requests = new ArrayList<>();
  private volatile boolean down;
  private volatile boolean autoCapture = true;

  public FakeRazorpay(String keyId, String keySecret, String webhookSecret, Clock clock) {
    this.keyId = keyId;
    this.keySecret = keySecret;
    this.webhookSecret = webhookSecret;
    this.clock = clock;
    this.server = FakeHttp.start();
    server.createContext("/", this::route);
    server.start();
  }

  public String baseUrl() {
    return FakeHttp.base(server);
  }

  public String checkoutScript() {
    return baseUrl() + "/checkout.js";
  }

  public WebhookOutbox webhooks() {
    return outbox;
  }

  /** Every API call answers 503 while down. */
  public void down(boolean down) {
    this.down = down;
  }

  /** Off: payments stay authorised until captured through the API. */
  public void autoCapture(boolean on) {
    this.autoCapture = on;
  }

  /** The API requests seen, as {@code METHOD path}. */
  public List<String> requests() {
    lock.lock();
    try {
      return List.copyOf(requests);
    } finally {
      lock.unlock();
    }
  }

  /** What Checkout's handler receives after a successful payment. */
  public record HandlerResult(String orderId, String paymentId, String signature) {}

  /** The founder pays the order in full: the handler's fields; webhooks queued. */
  public HandlerResult pay(String orderId) {
    Map<String, Object> order = order(orderId);
    return pay(orderId, ((Number) order.get("amount")).longValue(), (String) order.get("currency"));
  }

  /**
   * A payment against the order of {@code amount} in {@code currency}: what a tampered checkout
   * would report, for the server to refuse when it differs from the order.
   */
  public HandlerResult pay(String orderId, long amount, String currency) {
    Map<String, Object> payment;
    lock.lock();
    try {
      Map<String, Object> order = order(orderId);
      payment = payment(orderId, amount, currency, autoCapture ? "captured" : "authorized");
      if (autoCapture) {
        order.put("status", "paid");
        order.put("amount_paid", amount);
        order.put("amount_due", 0);
      } else {
        order.put("status", "attempted");
      }
      order.put("attempts", ((Number) order.get("attempts")).intValue() + 1);
    } finally {
      lock.unlock();
    }
    if (autoCapture) {
      event("payment.captured", Map.of("payment", Map.of("entity", payment)));
      event(
          "order.paid",
          Map.of("payment", Map.of("entity", payment), "order", Map.of("entity", order(orderId))));
    }
    String paymentId = (String) payment.get("id");
    return new HandlerResult(
        orderId, paymentId, Hmac.sha256Hex(keySecret, orderId + "|" + paymentId));
  }

  /** A declined try: the order stays open; {@code payment.failed} queued. */
  public String decline(String orderId, String reason) {
    Map<String, Object> payment;
    lock.lock();
    try {
      Map<String, Object> order = order(orderId);
      payment =
          payment(
              orderId,
              ((Number) order.get("amount")).longValue(),
              (String) order.get("currency"),
              "failed");
      payment.put("error_code", "BAD_REQUEST_ERROR");
      payment.put("error_description", reason);
      order.put("status", "attempted");
      order.put("attempts", ((Number) order.get("attempts")).intValue() + 1);
    } finally {
      lock.unlock();
    }
    event("payment.failed", Map.of("payment", Map.of("entity", payment)));
    return (String) payment.get("id");
  }

  /** The operator refunds the payment in Razorpay's dashboard. */
  public void refund(String paymentId) {
    Map<String, Object> payment;
    Map<String, Object> refund = new LinkedHashMap<>();
    lock.lock();
    try {
      payment = payments.get(paymentId);
      payment.put("status", "refunded");
      payment.put("amount_refunded", payment.get("amount"));
      refund.put("id", "rfnd_" + ids.incrementAndGet());
      refund.put("entity", "refund");
      refund.put("amount", payment.get("amount"));
      refund.put("currency", payment.get("currency"));
      refund.put("payment_id", paymentId);
      refund.put("status", "processed");
      refund.put("created_at", now());
    } finally {
      lock.unlock();
    }
    event(
        "refund.processed",
        Map.of("refund", Map.of("entity", refund), "payment", Map.of("entity", payment)));
  }

  /** The payer's bank opens a dispute. */
  public void dispute(String paymentId) {
    Map<String, Object> payment = payments.get(paymentId);
    Map<String, Object> dispute = new LinkedHashMap<>();
    dispute.put("id", "disp_" + ids.incrementAndGet());
    dispute.put("entity", "dispute");
    dispute.put("payment_id", paymentId);
    dispute.put("amount", payment.get("amount"));
    dispute.put("currency", payment.get("currency"));
    dispute.put("reason_code", "chargeback");
    dispute.put("status", "open");
    event(
        "payment.dispute.created",
        Map.of("dispute", Map.of("entity", dispute), "payment", Map.of("entity", payment)));
  }

  /** Signs a body as Razorpay does (for tests that forge or replay by hand). */
  public String sign(byte[] body) {
    return Hmac.sha256Hex(webhookSecret, body);
  }

  public Map<String, Object> order(String orderId) {
    lock.lock();
    try {
      Map<String, Object> o = orders.get(orderId);
      if (o == null) {
        throw new IllegalArgumentException("no order " + orderId);
      }
      return o;
    } finally {
      lock.unlock();
    }
  }

  public List<String> orderIds() {
    lock.lock();
    try {
      return List.copyOf(orders.keySet());
    } finally {
      lock.unlock();
    }
  }

  private Map<String, Object> payment(String orderId, long amount, String currency, String status) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("id", "pay_" + ids.incrementAndGet() + "FAKE");
    p.put("entity", "payment");
    p.put("amount", amount);
    p.put("currency", currency);
    p.put("status", status);
    p.put("order_id", orderId);
    p.put("method", "card");
    p.put("amount_refunded", 0);
    p.put("captured", status.equals("captured"));
    p.put("email", "founder@example.com");
    p.put("error_code", null);
    p.put("error_description", null);
    p.put("created_at", now());
    payments.put((String) p.get("id"), p);
    return p;
  }

  private void event(String type, Map<String, Object> payload) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("entity", "event");
    e.put("account_id", "acc_FAKE0000000001");
    e.put("event", type);
    e.put("contains", List.copyOf(payload.keySet()));
    e.put("payload", payload);
    e.put("created_at", now());
    try {
      byte[] body = FakeHttp.JSON.writeValueAsBytes(e);
      String id = "evt_" + ids.incrementAndGet();
      outbox.queue(
          id, type, body, Map.of("X-Razorpay-Signature", sign(body), "X-Razorpay-Event-Id", id));
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  private void route(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    String method = x.getRequestMethod();
    try {
      if (path.equals("/checkout.js")) {
        FakeHttp.send(x, 200, "text/javascript", CheckoutScript.razorpay(baseUrl()));
        return;
      }
      if (path.startsWith("/checkout/")) {
        checkout(x, path, method);
        return;
      }
      lock.lock();
      try {
        requests.add(method + " " + path);
      } finally {
        lock.unlock();
      }
      if (down) {
        FakeHttp.json(x, 503, error("SERVER_ERROR", "The server is temporarily down"));
        return;
      }
      String expected =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((keyId + ":" + keySecret).getBytes(StandardCharsets.UTF_8));
      if (!expected.equals(x.getRequestHeaders().getFirst("Authorization"))) {
        FakeHttp.json(x, 401, error("BAD_REQUEST_ERROR", "Authentication failed"));
        return;
      }
      api(x, path, method);
    } catch (RuntimeException e) {
      FakeHttp.json(x, 400, error("BAD_REQUEST_ERROR", String.valueOf(e.getMessage())));
    }
  }

  private void api(HttpExchange x, String path, String method) throws IOException {
    String[] p = path.split("/");
    if (method.equals("POST") && path.equals("/v1/orders")) {
      JsonNode req = FakeHttp.JSON.readTree(FakeHttp.body(x));
      long amount = req.path("amount").asLong(0);
      String currency = req.path("currency").asText("");
      if (amount < 100 && !currency.equals("JPY")) {
        FakeHttp.json(x, 400, error("BAD_REQUEST_ERROR", "The amount must be atleast INR 1.00"));
        return;
      }
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("id", "order_" + ids.incrementAndGet() + "FAKE");
      o.put("entity", "order");
      o.put("amount", amount);
      o.put("amount_paid", 0);
      o.put("amount_due", amount);
      o.put("currency", currency);
      o.put("receipt", req.path("receipt").asText(null));
      o.put("status", "created");
      o.put("attempts", 0);
      o.put("notes", FakeHttp.JSON.convertValue(req.path("notes"), Map.class));
      o.put("created_at", now());
      lock.lock();
      try {
        orders.put((String) o.get("id"), o);
      } finally {
        lock.unlock();
      }
      FakeHttp.json(x, 200, o);
    } else if (method.equals("GET") && p.length == 4 && p[2].equals("orders")) {
      FakeHttp.json(x, 200, order(p[3]));
    } else if (method.equals("GET")
        && p.length == 5
        && p[2].equals("orders")
        && p[4].equals("payments")) {
      order(p[3]);
      List<Map<String, Object>> items;
      lock.lock();
      try {
        items =
            payments.values().stream()
                .filter(pay -> p[3].equals(pay.get("order_id")))
                .map(LinkedHashMap::new)
                .map(m -> (Map<String, Object>) m)
                .toList();
      } finally {
        lock.unlock();
      }
      FakeHttp.json(x, 200, Map.of("entity", "collection", "count", items.size(), "items", items));
    } else if (method.equals("GET") && p.length == 4 && p[2].equals("payments")) {
      Map<String, Object> pay = payments.get(p[3]);
      if (pay == null) {
        FakeHttp.json(x, 400, error("BAD_REQUEST_ERROR", "The id provided does not exist"));
        return;
      }
      FakeHttp.json(x, 200, pay);
    } else if (method.equals("POST")
        && p.length == 5
        && p[2].equals("payments")
        && p[4].equals("capture")) {
      JsonNode req = FakeHttp.JSON.readTree(FakeHttp.body(x));
      Map<String, Object> pay = payments.get(p[3]);
      if (pay == null || !"authorized".equals(pay.get("status"))) {
        FakeHttp.json(x, 400, error("BAD_REQUEST_ERROR", "This payment is not authorized"));
        return;
      }
      if (req.path("amount").asLong() != ((Number) pay.get("amount")).longValue()) {
        FakeHttp.json(
            x,
            400,
            error("BAD_REQUEST_ERROR", "Capture amount must be equal to the amount authorized"));
        return;
      }
      Map<String, Object> order = order((String) pay.get("order_id"));
      lock.lock();
      try {
        pay.put("status", "captured");
        pay.put("captured", true);
        order.put("status", "paid");
        order.put("amount_paid", pay.get("amount"));
        order.put("amount_due", 0);
      } finally {
        lock.unlock();
      }
      event("payment.captured", Map.of("payment", Map.of("entity", pay)));
      FakeHttp.json(x, 200, pay);
    } else {
      FakeHttp.json(
          x, 404, error("BAD_REQUEST_ERROR", "The requested URL was not found on the server."));
    }
  }

  /** The fake Checkout's calls from the browser. */
  private void checkout(HttpExchange x, String path, String method) throws IOException {
    x.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
    if (method.equals("OPTIONS")) {
      x.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
      x.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type");
      x.sendResponseHeaders(204, -1);
      x.close();
      return;
    }
    JsonNode req = FakeHttp.JSON.readTree(FakeHttp.body(x));
    String orderId = req.path("order_id").asText("");
    if (!req.path("key").asText("").equals(keyId)) {
      FakeHttp.json(x, 401, error("BAD_REQUEST_ERROR", "The api key provided is invalid"));
      return;
    }
    if (path.equals("/checkout/pay")) {
      HandlerResult r = pay(orderId);
      FakeHttp.json(
          x,
          200,
          Map.of(
              "razorpay_order_id", r.orderId(),
              "razorpay_payment_id", r.paymentId(),
              "razorpay_signature", r.signature()));
    } else {
      String reason = "Your payment was declined by the bank.";
      String payment = decline(orderId, reason);
      FakeHttp.json(
          x,
          200,
          Map.of(
              "error",
              Map.of(
                  "code",
                  "BAD_REQUEST_ERROR",
                  "description",
                  reason,
                  "metadata",
                  Map.of("order_id", orderId, "payment_id", payment))));
    }
  }

  private static Map<String, Object> error(String code, String description) {
    return Map.of("error", Map.of("code", code, "description", description));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
