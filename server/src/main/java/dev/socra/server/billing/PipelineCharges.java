package dev.socra.server.billing;

import dev.socra.llm.LlmCallException;
import dev.socra.llm.Router;
import dev.socra.llm.config.Protocol;
import dev.socra.server.account.SocraUser;
import dev.socra.server.sessions.PipelineCharge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A masterplan run costs one credit when payments are on and a real provider is configured. Demo
 * mode (no provider key at all) is free; a route that names the stub while a key is set is charged
 * like any other, so an operator can try the payment flow without paying for a model.
 */
final class PipelineCharges implements PipelineCharge {
  private static final Logger log = LoggerFactory.getLogger(PipelineCharges.class);

  private final PaymentSettings settings;
  private final CreditLedger ledger;
  private final Router router;

  PipelineCharges(PaymentSettings settings, CreditLedger ledger, Router router) {
    this.settings = settings;
    this.ledger = ledger;
    this.router = router;
  }

  /** Whether runs cost a credit on this server. */
  boolean charging() {
    return settings.enabled() && !demoMode(router);
  }

  static boolean demoMode(Router router) {
    return router.config().providers().values().stream()
        .noneMatch(p -> p.protocol() != Protocol.STUB && p.usable());
  }

  @Override
  public void charge(SocraUser user, String sessionId) {
    if (!charging()) {
      return;
    }
    welcome(ledger, settings, user.id());
    switch (ledger.spend(user.id(), sessionId, settings.price())) {
      case CreditLedger.Spend.Paid p when p.now() ->
          log.info("session {}: run {} paid with one credit", sessionId, p.run());
      case CreditLedger.Spend.Paid p -> {}
      case CreditLedger.Spend.Short s -> throw new PaymentRequiredException(sessionId, s.balance());
    }
  }

  /**
   * Every failure gives the credit back but the founder's own: the provider refusing what the
   * founder wrote (its content policy). Providers down, bugs, invalid output: given back.
   */
  @Override
  public void giveBack(String sessionId, Throwable cause) {
    if (cause instanceof LlmCallException e && e.failure() == LlmCallException.Failure.REFUSED) {
      log.info(
          "session {}: the provider refused the founder's text; the credit is kept", sessionId);
      return;
    }
    try {
      if (ledger.giveBack(sessionId, reason(cause))) {
        log.info(
            "session {}: the run failed ({}); its credit was given back", sessionId, reason(cause));
      }
    } catch (RuntimeException e) {
      // The run's own failure is what the founder must see; the credit is given back by hand.
      log.error("session {}: the credit of a failed run could not be given back", sessionId, e);
    }
  }

  /** The sign-up gift ({@code SOCRA_FREE_CREDITS}), once per account. */
  static void welcome(CreditLedger ledger, PaymentSettings settings, String userId) {
    if (settings.freeCredits() > 0) {
      ledger.grant(userId, settings.freeCredits(), "grant:signup:" + userId, "welcome credits");
    }
  }

  private static String reason(Throwable cause) {
    return switch (cause) {
      case LlmCallException e -> "every provider failed (" + e.failure().name().toLowerCase() + ")";
      case dev.socra.core.pipeline.PipelineFailedException e -> "a stage failed";
      case dev.socra.core.structured.StructuredOutputException e -> "unreadable model output";
      default -> "internal error";
    };
  }
}
