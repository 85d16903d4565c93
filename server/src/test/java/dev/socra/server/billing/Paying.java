package dev.socra.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socra.server.billing.fake.FakeRazorpay;
import dev.socra.server.billing.fake.FakeStripe;
import dev.socra.server.testing.Http;
import dev.socra.server.testing.TestServer;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A server that charges for masterplans through a fake provider: the stub writes every stage, but a
 * (fake) provider key is set, so runs are charged as with a real model. Reconciliation runs when
 * the test ticks {@link #schedule}.
 */
public final class Paying implements AutoCloseable {
  /** Distinctive, so that a leak is found by a plain substring search. */
  public static final String RAZORPAY_KEY_ID = "rzp_test_not_a_real_key";

  public static final String RAZORPAY_SECRET = "test-key-razorpay-secret-not-real";
  public static final String RAZORPAY_WEBHOOK_SECRET = "test-key-razorpay-webhook-not-real";
  public static final String STRIPE_KEY = "sk_test_not_a_real_stripe_key";
  public static final String STRIPE_WEBHOOK_SECRET = "whsec_not_a_real_stripe_webhook_secret";
  public static final List<String> SECRETS =
      List.of(RAZORPAY_SECRET, RAZORPAY_WEBHOOK_SECRET, STRIPE_KEY, STRIPE_WEBHOOK_SECRET);

  public static final String IDEA =
      "A booking tool for independent piano tuners in small towns, paid per booking";

  public final TestServer server;
  final ManualSchedule schedule;
  public final FakeStripe stripe;
  public final FakeRazorpay razorpay;

  private Paying(TestServer server, ManualSchedule schedule, FakeStripe s, FakeRazorpay r) {
    this.server = server;
    this.schedule = schedule;
    this.stripe = s;
    this.razorpay = r;
  }

  public static Paying stripe(Map<String, String> extra) {
    return stripe(extra, false);
  }

  public static Paying stripe(Map<String, String> extra, boolean postgres, Object... beans) {
    FakeStripe fake = new FakeStripe(STRIPE_KEY, STRIPE_WEBHOOK_SECRET, Clock.systemUTC());
    Map<String, String> env = charged();
    env.put("SOCRA_PAYMENTS", "stripe");
    env.put("SOCRA_PRICE", "6 USD");
    env.put("STRIPE_SECRET_KEY", STRIPE_KEY);
    env.put("STRIPE_WEBHOOK_SECRET", STRIPE_WEBHOOK_SECRET);
    env.put("STRIPE_BASE_URL", fake.baseUrl());
    env.putAll(extra);
    ManualSchedule schedule = new ManualSchedule();
    Object[] all =
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(schedule), java.util.Arrays.stream(beans))
            .toArray();
    TestServer server = postgres ? TestServer.postgres(env, all) : TestServer.start(env, all);
    fake.webhooks().endpoint(server.baseUrl() + "/webhooks/stripe");
    return new Paying(server, schedule, fake, null);
  }

  public static Paying razorpay(Map<String, String> extra, Object... beans) {
    FakeRazorpay fake =
        new FakeRazorpay(
            RAZORPAY_KEY_ID, RAZORPAY_SECRET, RAZORPAY_WEBHOOK_SECRET, Clock.systemUTC());
    Map<String, String> env = charged();
    env.put("SOCRA_PAYMENTS", "razorpay");
    env.put("SOCRA_PRICE", "499 INR");
    env.put("RAZORPAY_KEY_ID", RAZORPAY_KEY_ID);
    env.put("RAZORPAY_KEY_SECRET", RAZORPAY_SECRET);
    env.put("RAZORPAY_WEBHOOK_SECRET", RAZORPAY_WEBHOOK_SECRET);
    env.put("RAZORPAY_BASE_URL", fake.baseUrl());
    env.put("RAZORPAY_CHECKOUT_JS", fake.checkoutScript());
    env.putAll(extra);
    ManualSchedule schedule = new ManualSchedule();
    Object[] all =
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(schedule), java.util.Arrays.stream(beans))
            .toArray();
    TestServer server = TestServer.start(env, all);
    fake.webhooks().endpoint(server.baseUrl() + "/webhooks/razorpay");
    return new Paying(server, schedule, null, fake);
  }

  /** A provider key is set and the route names the stub: charged, without paying for a model. */
  static Map<String, String> charged() {
    Map<String, String> env = new HashMap<>();
    env.put("GROQ_API_KEY", "gsk_test_not_a_real_key_0000");
    env.put("SOCRA_ROUTE", "stub/socra-demo");
    return env;
  }

  Http user(String name) {
    return Http.as(server.baseUrl(), server.userWithToken(name));
  }

  /** A session whose interview has one answer: ready for its plan. */
  static String readySession(Http user) {
    Http.Response r = user.post("/api/sessions", Map.of("idea", IDEA));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String id = r.json().get("id").asText();
    List<Http.Event> first = user.events("/api/sessions/" + id + "/turns/1/events");
    String choice = first.getLast().json().get("choices").get(0).asText();
    List<Http.Event> next =
        user.events(
            user.request("/api/sessions/" + id + "/answers")
                .header("Content-Type", "application/json")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"answer\":" + Http.JSON.valueToTree(choice) + ",\"question\":1}")),
            Integer.MAX_VALUE);
    assertThat(next.getLast().name()).isEqualTo("turn");
    return id;
  }

  /** Starts the pipeline and reads it to its end; the answer's status when refused. */
  static List<Http.Event> runPipeline(Http user, String session) {
    return user.events(
        user.request("/api/sessions/" + session + "/pipeline")
            .POST(java.net.http.HttpRequest.BodyPublishers.noBody()),
        Integer.MAX_VALUE);
  }

  static long balance(Http user) {
    Http.Response r = user.get("/api/credits");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("balance").asLong();
  }

  /** Starts a checkout of {@code credits}; its JSON. */
  static JsonNode checkout(Http user, int credits) {
    Http.Response r = user.post("/api/checkout", Map.of("credits", credits));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  static String checkoutId(JsonNode checkout) {
    return checkout.get("checkout").get("checkoutId").asText();
  }

  /** Reconciliation, as its timer would run it. */
  public void reconcile() {
    schedule.tick();
  }

  @Override
  public void close() {
    server.close();
    if (stripe != null) {
      stripe.close();
    }
    if (razorpay != null) {
      razorpay.close();
    }
  }
}
