package dev.socra.server.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Paying for masterplans: checkouts started at the configured provider, and every way the news of a
 * payment arrives (the founder's return, a webhook, reconciliation) ending in the same step, {@link
 * #settle}: the amount and currency checked against the checkout, then one purchase row in the
 * {@link CreditLedger}, however often and in whatever order the news comes.
 */
public final class Billing {
  private static final Logger log = LoggerFactory.getLogger(Billing.class);

  /** How long a checkout is asked after: Stripe's sessions expire after a day at most. */
  static final Duration OPEN_FOR = Duration.ofDays(3);

  /** How far back paid checkouts are asked after for refunds and disputes a webhook missed. */
  static final Duration REFUNDS_FOR = Duration.ofDays(30);

  /** How often they are: one call per paid checkout, so less often than open ones. */
  static final Duration REFUND_SWEEP_EVERY = Duration.ofHours(1);

  /** Checkouts a founder may start in an hour: enough for every honest retry. */
  static final int CHECKOUTS_PER_HOUR = 20;

  private final PaymentSettings settings;
  private final PaymentProvider provider;
  private final PaymentStore payments;
  private final CreditLedger ledger;
  private final JdbcClient db;
  private final Clock clock;
  private volatile java.time.Instant lastRefundSweep;

  public Billing(
      PaymentSettings settings,
      PaymentProvider provider,
      PaymentStore payments,
      CreditLedger ledger,
      JdbcClient db,
      Clock clock) {
    this.settings = settings;
    this.provider = provider;
    this.payments = payments;
    this.ledger = ledger;
    this.db = db;
    this.clock = clock;
  }

  /** Whether the server charges through a provider ({@code SOCRA_PAYMENTS}). */
  public boolean enabled() {
    return provider != null;
  }

  public PaymentProvider provider() {
    return active();
  }

  private PaymentProvider active() {
    if (provider == null) {
      throw new PaymentsOff();
    }
    return provider;
  }

  public PaymentSettings settings() {
    return settings;
  }

  /** A checkout started: the payment row, and where to send the founder (Stripe) if anywhere. */
  public record Started(Payment payment, String redirectUrl) {}

  /**
   * Starts a checkout for the bundle of {@code credits} at the server's price.
   *
   * @param returnUrl where the founder comes back ({@code {CHECKOUT_ID}} is replaced)
   * @throws IllegalArgumentException for a bundle that is not sold
   * @throws TooManyCheckouts past {@link #CHECKOUTS_PER_HOUR}
   */
  public Started checkout(
      String userId, int credits, String returnSession, String returnUrl, String cancelUrl) {
    Bundle bundle =
        settings
            .bundle(credits)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "credits must be one of "
                            + settings.bundles().stream()
                                .map(b -> String.valueOf(b.credits()))
                                .toList()));
    if (payments.startedSince(userId, now().minusHours(1)) >= CHECKOUTS_PER_HOUR) {
      throw new TooManyCheckouts();
    }
    // The provider is asked first, with no transaction open; an order nobody pays costs nothing.
    PaymentProvider.Created created = active().create(userId, bundle, returnUrl, cancelUrl);
    Payment p =
        payments.insert(
            userId, active().name(), created.checkoutId(), credits, bundle.price(), returnSession);
    log.info(
        "checkout {} started at {} by user {}: {} credit(s) for {}",
        p.checkoutId(),
        active().name().id(),
        userId,
        credits,
        bundle.price());
    return new Started(p, created.redirectUrl());
  }

  /** The user's checkout, or empty (another user's looks like none). */
  public Optional<Payment> checkoutOf(String userId, String checkoutId) {
    return payments.byCheckout(active().name(), checkoutId).filter(p -> p.userId().equals(userId));
  }

  /**
   * The founder is back from paying (or asks again): the provider is asked where the checkout
   * stands and a payment it reports is settled. Idempotent.
   */
  public Payment confirm(Payment p) {
    // An expired checkout is asked too: money the provider took late is still the founder's.
    if (p.open() || p.status().equals(Payment.EXPIRED)) {
      apply(p, active().state(p), "return");
    }
    return payments.byId(p.id()).orElseThrow();
  }

  /**
   * Settles a payment the provider reported: credited once when its amount and currency are the
   * checkout's; refused (and never credited) otherwise.
   *
   * @throws WebhookRejected when the amount or currency differ
   */
  public boolean settle(Payment p, String ref, Amount paid, String source) {
    if (!paid.matches(p.amount())) {
      String reason =
          "paid "
              + paid
              + " but the checkout is for "
              + p.amount().minor()
              + " "
              + p.amount().code();
      payments.markMismatch(p.id(), "not credited: " + reason);
      log.warn(
          "payment {} of checkout {} ({}) not credited: {}", ref, p.checkoutId(), source, reason);
      throw new WebhookRejected("the amount or currency paid does not match the checkout");
    }
    boolean credited = ledger.purchase(p, ref);
    if (credited) {
      log.info(
          "checkout {} paid ({}): {} credit(s) to user {}",
          p.checkoutId(),
          source,
          p.credits(),
          p.userId());
    }
    return credited;
  }

  /**
   * A verified webhook: acted on once (a redelivery, or the same news by another way, adds
   * nothing).
   *
   * @throws WebhookRejected for a checkout Socra did not create, or a wrong amount
   */
  public void handle(WebhookEvent event) {
    if (seen(event)) {
      return;
    }
    switch (event) {
      case WebhookEvent.Paid e -> settle(known(e.checkoutId(), e), e.ref(), e.amount(), e.type());
      case WebhookEvent.Failed e -> {
        Payment p = known(e.checkoutId(), e);
        payments.markFailed(p.id(), e.reason());
        log.info(
            "checkout {}: a payment failed ({})", p.checkoutId(), PaymentStore.clip(e.reason()));
      }
      case WebhookEvent.Expired e -> payments.markExpired(known(e.checkoutId(), e).id());
      case WebhookEvent.Reversed e -> {
        Payment p =
            e.checkoutId() != null
                ? known(e.checkoutId(), e)
                : payments
                    .byRef(active().name(), String.valueOf(e.ref()))
                    .orElseThrow(() -> new WebhookRejected("a reversal of an unknown payment"));
        if (ledger.reverse(p, e.why())) {
          log.info(
              "checkout {} {}: its {} credit(s) taken back", p.checkoutId(), e.why(), p.credits());
        }
      }
      case WebhookEvent.Ignored e -> {}
    }
    remember(event);
  }

  /**
   * Asks the provider about every checkout still open (a webhook lost, a payment made while the
   * server was down) and settles what was paid; checkouts too old to be paid are closed.
   *
   * @return how many were credited
   */
  public int reconcile() {
    if (provider == null) {
      return 0;
    }
    int credited = 0;
    for (Payment p : payments.open(now().minus(OPEN_FOR))) {
      try {
        if (apply(p, active().state(p), "reconciliation")) {
          credited++;
        }
      } catch (ProviderUnavailable e) {
        log.warn("reconciliation: checkout {} not checked: {}", p.checkoutId(), e.getMessage());
      } catch (WebhookRejected e) {
        // logged by settle; the next round asks again, and the operator sees it on the payment
      }
    }
    payments.expireBefore(now().minus(OPEN_FOR));
    sweepRefunds();
    return credited;
  }

  /**
   * At most every {@link #REFUND_SWEEP_EVERY}: asks whether the money of each checkout paid in the
   * last {@link #REFUNDS_FOR} went back, and reverses what a lost webhook did not.
   */
  private void sweepRefunds() {
    java.time.Instant now = clock.instant();
    java.time.Instant last = lastRefundSweep;
    if (last != null && now.isBefore(last.plus(REFUND_SWEEP_EVERY))) {
      return;
    }
    lastRefundSweep = now;
    for (Payment p : payments.paidSince(now().minus(REFUNDS_FOR))) {
      try {
        active()
            .reversal(p)
            .ifPresent(
                why -> {
                  if (ledger.reverse(p, why)) {
                    log.info(
                        "reconciliation: checkout {} {}: its {} credit(s) taken back",
                        p.checkoutId(),
                        why,
                        p.credits());
                  }
                });
      } catch (ProviderUnavailable e) {
        log.warn(
            "reconciliation: payment of checkout {} not checked: {}",
            p.checkoutId(),
            e.getMessage());
      }
    }
  }

  private boolean apply(Payment p, CheckoutState state, String source) {
    return switch (state) {
      case CheckoutState.Paid paid -> settle(p, paid.ref(), paid.amount(), source);
      case CheckoutState.Failed f -> {
        payments.markFailed(p.id(), f.reason());
        yield false;
      }
      case CheckoutState.Expired x -> {
        payments.markExpired(p.id());
        yield false;
      }
      case CheckoutState.Open o -> false;
    };
  }

  private Payment known(String checkoutId, WebhookEvent e) {
    if (checkoutId == null || checkoutId.isBlank()) {
      throw new WebhookRejected(e.type() + " names no checkout");
    }
    return payments
        .byCheckout(active().name(), checkoutId)
        .orElseThrow(
            () -> new WebhookRejected(e.type() + " for a checkout this server did not create"));
  }

  private boolean seen(WebhookEvent e) {
    return db.sql("SELECT COUNT(*) FROM payment_events WHERE provider = ? AND event_id = ?")
            .params(active().name().id(), clip(e.id()))
            .query(Integer.class)
            .single()
        > 0;
  }

  /** Written after the event was acted on: one that failed halfway is acted on when redelivered. */
  private void remember(WebhookEvent e) {
    try {
      db.sql(
              "INSERT INTO payment_events (provider, event_id, type, received_at) VALUES (?, ?, ?, ?)")
          .params(active().name().id(), clip(e.id()), clip(e.type()), now())
          .update();
    } catch (org.springframework.dao.DuplicateKeyException dup) {
      // the same event, delivered twice at once: acted on idempotently by both
    }
  }

  private static String clip(String s) {
    String v = s == null ? "" : s;
    return v.length() <= 100 ? v : v.substring(0, 100);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  /** Payments are not configured on this server: everything is free, nothing is sold. */
  public static final class PaymentsOff extends RuntimeException {
    PaymentsOff() {
      super("this server does not sell credits: masterplans are free here", null, false, false);
    }
  }

  /** More checkouts started in the last hour than anybody paying honestly needs. */
  public static final class TooManyCheckouts extends RuntimeException {
    TooManyCheckouts() {
      super("too many checkouts started in the last hour; try again later", null, false, false);
    }
  }
}
