package dev.socra.server.billing;

import dev.socra.server.account.SocraUser;
import dev.socra.server.store.SessionStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Credits and checkouts for programs: {@code /api/credits}, {@code /api/checkout}. */
@RestController
@Tag(name = "Credits", description = "Paid masterplans: the balance, the price, checkouts")
class BillingApi {
  private final Billing billing;
  private final CreditLedger ledger;
  private final PaymentStore payments;
  private final PipelineCharges charges;
  private final SessionStore sessions;

  BillingApi(
      Billing billing,
      CreditLedger ledger,
      PaymentStore payments,
      PipelineCharges charges,
      SessionStore sessions) {
    this.billing = billing;
    this.ledger = ledger;
    this.payments = payments;
    this.charges = charges;
    this.sessions = sessions;
  }

  @Operation(
      summary = "The balance, the price of one masterplan, and the ledger's rows (newest first)")
  @GetMapping("/api/credits")
  BillingViews.Credits credits(@AuthenticationPrincipal SocraUser user) {
    return credits(user.id(), billing, ledger, payments, charges);
  }

  static BillingViews.Credits credits(
      String userId,
      Billing billing,
      CreditLedger ledger,
      PaymentStore payments,
      PipelineCharges charges) {
    PaymentSettings s = billing.settings();
    if (charges.charging()) {
      PipelineCharges.welcome(ledger, s, userId);
    }
    return new BillingViews.Credits(
        ledger.balance(userId),
        charges.charging(),
        s.provider().map(ProviderName::id).orElse(null),
        s.enabled() ? BillingViews.Price.of(s.price()) : null,
        s.enabled()
            ? s.bundles().stream().map(BillingViews.BundleView::of).toList()
            : java.util.List.of(),
        ledger.entries(userId, 200).stream().map(BillingViews.Entry::of).toList(),
        payments.forUser(userId, 100).stream().map(BillingViews.Receipt::of).toList());
  }

  @Operation(
      summary = "Start a checkout for a bundle of credits",
      description =
          "The amount and currency are the server's price for the bundle. Stripe: send the founder"
              + " to `url`. Razorpay: open Razorpay Checkout with `razorpay`, then POST the"
              + " handler's three fields to `confirm`.")
  @PostMapping("/api/checkout")
  ResponseEntity<BillingViews.Checkout> checkout(
      @AuthenticationPrincipal SocraUser user,
      @RequestBody BillingViews.CheckoutRequest body,
      HttpServletRequest request) {
    if (body == null) {
      throw new IllegalArgumentException("credits is required: the size of a bundle");
    }
    int credits = body.wholeCredits();
    String session = ownSession(user, body.session(), sessions);
    String base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
    Billing.Started started =
        billing.checkout(
            user.id(),
            credits,
            session,
            base + "/billing/return?checkout={CHECKOUT_ID}",
            base + "/billing?cancelled");
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(view(started.payment(), started.redirectUrl()));
  }

  @Operation(summary = "A checkout of yours and where it stands")
  @GetMapping("/api/checkout/{checkoutId}")
  BillingViews.Checkout checkoutState(
      @AuthenticationPrincipal SocraUser user, @PathVariable("checkoutId") String checkoutId) {
    return view(mine(user, checkoutId), null);
  }

  @Operation(
      summary = "Confirm a checkout after paying",
      description =
          "Asks the provider where the checkout stands and credits a payment it reports (once,"
              + " however often this is called). For Razorpay, send the Checkout handler's"
              + " razorpay_order_id, razorpay_payment_id and razorpay_signature: a signature that"
              + " does not verify is refused.")
  @PostMapping("/api/checkout/{checkoutId}/confirm")
  BillingViews.Confirmed confirm(
      @AuthenticationPrincipal SocraUser user,
      @PathVariable("checkoutId") String checkoutId,
      @RequestBody(required = false) BillingViews.RazorpayReturn handler) {
    Payment p = mine(user, checkoutId);
    if (billing.provider() instanceof RazorpayProvider r
        && handler != null
        && handler.razorpay_signature() != null) {
      if (!checkoutId.equals(handler.razorpay_order_id())
          || !r.handlerSigned(
              handler.razorpay_order_id(),
              handler.razorpay_payment_id(),
              handler.razorpay_signature())) {
        throw new IllegalArgumentException("the razorpay_signature does not verify");
      }
    }
    Payment now = billing.confirm(p);
    return new BillingViews.Confirmed(BillingViews.Receipt.of(now), ledger.balance(user.id()));
  }

  private Payment mine(SocraUser user, String checkoutId) {
    return billing.checkoutOf(user.id(), checkoutId).orElseThrow(() -> new CheckoutNotFound());
  }

  private BillingViews.Checkout view(Payment p, String url) {
    BillingViews.RazorpayCheckout rz =
        billing.provider() instanceof RazorpayProvider r
            ? new BillingViews.RazorpayCheckout(
                r.keyId(), p.checkoutId(), p.amountMinor(), p.currency())
            : null;
    return new BillingViews.Checkout(
        BillingViews.Receipt.of(p), url, rz, "/api/checkout/" + p.checkoutId() + "/confirm");
  }

  /** A session id the founder gave, if it is theirs; another's is "not found". */
  static String ownSession(SocraUser user, String session, SessionStore sessions) {
    if (session == null || session.isBlank()) {
      return null;
    }
    Optional<String> owner = session.length() > 36 ? Optional.empty() : sessions.owner(session);
    if (owner.isEmpty() || !owner.get().equals(user.id())) {
      throw new dev.socra.server.sessions.SessionNotFoundException(PaymentStore.clip(session));
    }
    return session;
  }

  @org.springframework.web.bind.annotation.ExceptionHandler(
      dev.socra.server.sessions.SessionNotFoundException.class)
  ResponseEntity<org.springframework.http.ProblemDetail> noSession(RuntimeException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(
            org.springframework.http.ProblemDetail.forStatusAndDetail(
                HttpStatus.NOT_FOUND, "no such session"));
  }

  /** A checkout that does not exist or is another user's. */
  static final class CheckoutNotFound extends RuntimeException {
    CheckoutNotFound() {
      super("no such checkout", null, false, false);
    }
  }
}
