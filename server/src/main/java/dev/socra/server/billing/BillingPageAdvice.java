package dev.socra.server.billing;

import dev.socra.server.account.SocraUser;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the founder's pages know of billing: whether runs cost a credit here, the price and the
 * balance ("Build my plan" says them); and the payment step when a run is started without a credit.
 */
@ControllerAdvice(basePackages = "dev.socra.server.web")
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class BillingPageAdvice {
  private final PipelineCharges charges;
  private final CreditLedger ledger;
  private final PaymentSettings settings;

  BillingPageAdvice(PipelineCharges charges, CreditLedger ledger, PaymentSettings settings) {
    this.charges = charges;
    this.ledger = ledger;
    this.settings = settings;
  }

  /** Shown beside "Build my plan": free (null), or the price and the founder's balance. */
  public record Badge(String price, long balance) {
    public boolean covered() {
      return balance >= 1;
    }
  }

  @ModelAttribute("billing")
  Badge billing() {
    Authentication a = SecurityContextHolder.getContext().getAuthentication();
    if (!charges.charging() || !(a != null && a.getPrincipal() instanceof SocraUser u)) {
      return null;
    }
    PipelineCharges.welcome(ledger, settings, u.id());
    return new Badge(settings.price().display(), ledger.balance(u.id()));
  }

  @ExceptionHandler(PaymentRequiredException.class)
  String paymentStep(PaymentRequiredException e) {
    return "redirect:/billing?session=" + e.sessionId();
  }
}
