package dev.socra.server.billing;

import dev.socra.llm.Router;
import dev.socra.server.account.SocraUser;
import dev.socra.server.store.SessionStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The founder's side of paying: {@code /billing} (balance, price, bundles, receipts), the checkout
 * (Stripe's hosted page, or Razorpay Checkout opened by {@code /js/billing.js}), the return, and
 * the admin's margin table.
 */
@Controller
class BillingPages {
  private static final Logger log = LoggerFactory.getLogger(BillingPages.class);

  private final Billing billing;
  private final CreditLedger ledger;
  private final PaymentStore payments;
  private final PipelineCharges charges;
  private final SessionStore sessions;
  private final Router router;
  private final MarginReport margins;

  BillingPages(
      Billing billing,
      CreditLedger ledger,
      PaymentStore payments,
      PipelineCharges charges,
      SessionStore sessions,
      Router router,
      JdbcClient db) {
    this.billing = billing;
    this.ledger = ledger;
    this.payments = payments;
    this.charges = charges;
    this.sessions = sessions;
    this.router = router;
    this.margins = new MarginReport(db);
  }

  @ModelAttribute("me")
  SocraUser me() {
    Authentication a = SecurityContextHolder.getContext().getAuthentication();
    return a != null && a.getPrincipal() instanceof SocraUser u ? u : null;
  }

  @ModelAttribute("demoMode")
  boolean demoMode() {
    return router.describe().demoMode();
  }

  /** The balance and receipts; with {@code session}, the payment step of that session's plan. */
  @GetMapping("/billing")
  String page(
      @AuthenticationPrincipal SocraUser user,
      @RequestParam(name = "session", required = false) String session,
      @RequestParam(name = "cancelled", required = false) String cancelled,
      Model model) {
    model.addAttribute(
        "credits", BillingApi.credits(user.id(), billing, ledger, payments, charges));
    model.addAttribute("paySession", BillingApi.ownSession(user, session, sessions));
    model.addAttribute("cancelled", cancelled != null);
    return "billing";
  }

  @PostMapping("/billing/checkout")
  String checkout(
      @AuthenticationPrincipal SocraUser user,
      @RequestParam("credits") int credits,
      @RequestParam(name = "session", required = false) String session,
      HttpServletRequest request,
      Model model) {
    String own = BillingApi.ownSession(user, session, sessions);
    String base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
    Billing.Started started =
        billing.checkout(
            user.id(),
            credits,
            own,
            base + "/billing/return?checkout={CHECKOUT_ID}",
            base + "/billing?cancelled" + (own == null ? "" : "&session=" + own));
    if (started.redirectUrl() != null) {
      return "redirect:" + started.redirectUrl();
    }
    RazorpayProvider r = (RazorpayProvider) billing.provider();
    model.addAttribute("payment", started.payment());
    model.addAttribute("keyId", r.keyId());
    model.addAttribute("checkoutScript", r.checkoutScript().toString());
    return "billing-razorpay";
  }

  /** Razorpay Checkout's handler, posted by billing.js: believed only if its signature verifies. */
  @PostMapping("/billing/razorpay/return")
  String razorpayReturn(
      @AuthenticationPrincipal SocraUser user,
      @RequestParam(name = "razorpay_order_id", required = false) String orderId,
      @RequestParam(name = "razorpay_payment_id", required = false) String paymentId,
      @RequestParam(name = "razorpay_signature", required = false) String signature) {
    if (!(billing.provider() instanceof RazorpayProvider r)
        || orderId == null
        || billing.checkoutOf(user.id(), orderId).isEmpty()
        || !r.handlerSigned(orderId, paymentId, signature)) {
      log.warn("a Razorpay return for user {} did not verify", user.id());
      throw new WebhookRejected("the payment could not be verified");
    }
    return "redirect:/billing/return?checkout=" + orderId;
  }

  /** Back from paying: the provider is asked, the payment credited once, the way on shown. */
  @GetMapping("/billing/return")
  String returned(
      @AuthenticationPrincipal SocraUser user,
      @RequestParam("checkout") String checkoutId,
      Model model) {
    Payment p =
        billing
            .checkoutOf(user.id(), checkoutId)
            .orElseThrow(() -> new BillingApi.CheckoutNotFound());
    try {
      p = billing.confirm(p);
    } catch (ProviderUnavailable e) {
      log.warn("return from checkout {}: {}", p.checkoutId(), e.getMessage());
      model.addAttribute("unconfirmed", true);
    }
    model.addAttribute("payment", p);
    model.addAttribute("balance", ledger.balance(user.id()));
    return "billing-return";
  }

  @GetMapping("/billing/admin")
  String admin(@AuthenticationPrincipal SocraUser user, Model model, HttpServletResponse response) {
    if (!user.admin()) {
      response.setStatus(HttpStatus.FORBIDDEN.value());
      model.addAttribute("status", 403);
      model.addAttribute("title", "For the admin only");
      model.addAttribute("detail", "Revenue and margins are the server's admin's to see.");
      return "error";
    }
    model.addAttribute("lines", margins.sessions(500));
    model.addAttribute("taken", margins.taken());
    model.addAttribute("price", billing.settings().price());
    return "billing-admin";
  }

  @ExceptionHandler({
    BillingApi.CheckoutNotFound.class,
    dev.socra.server.sessions.SessionNotFoundException.class
  })
  ModelAndView notFound() {
    return problem(
        HttpStatus.NOT_FOUND, "Not found", "There is no checkout or session of yours here.");
  }

  @ExceptionHandler(ProviderUnavailable.class)
  ModelAndView unavailable(ProviderUnavailable e) {
    log.warn("checkout not started: {}", e.getMessage());
    return problem(
        HttpStatus.BAD_GATEWAY,
        "The payment provider did not answer",
        "Nothing was charged. Try again in a minute.");
  }

  @ExceptionHandler({
    WebhookRejected.class,
    IllegalArgumentException.class,
    Billing.TooManyCheckouts.class,
    Billing.PaymentsOff.class
  })
  ModelAndView refused(RuntimeException e) {
    return problem(HttpStatus.BAD_REQUEST, "That did not work", capitalised(e.getMessage()) + ".");
  }

  private ModelAndView problem(HttpStatus status, String title, String detail) {
    ModelAndView m = new ModelAndView("error", status);
    m.addObject("me", me());
    m.addObject("demoMode", demoMode());
    m.addObject("status", status.value());
    m.addObject("title", title);
    m.addObject("detail", detail);
    return m;
  }

  private static String capitalised(String s) {
    return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
