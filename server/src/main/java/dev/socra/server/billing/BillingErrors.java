package dev.socra.server.billing;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Billing's errors in the API, as problem details: 402 for a run without a credit (with the price,
 * the bundles and the checkout path), 404 for an unknown checkout or a server that sells nothing,
 * 429 for too many checkouts, 502 when the provider could not be asked.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class BillingErrors {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(BillingErrors.class);
  private final PaymentSettings settings;

  BillingErrors(PaymentSettings settings) {
    this.settings = settings;
  }

  @ExceptionHandler(PaymentRequiredException.class)
  ResponseEntity<ProblemDetail> paymentRequired(PaymentRequiredException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.PAYMENT_REQUIRED, e.getMessage());
    p.setTitle("Payment Required");
    p.setType(URI.create("https://socra.dev/problems/payment-required"));
    p.setProperty("balance", e.balance());
    p.setProperty("price", BillingViews.Price.of(settings.price()));
    p.setProperty("bundles", settings.bundles().stream().map(BillingViews.BundleView::of).toList());
    p.setProperty("checkout", "/api/checkout");
    p.setProperty("session", e.sessionId());
    return problem(p);
  }

  @ExceptionHandler(Billing.PaymentsOff.class)
  ResponseEntity<ProblemDetail> off(Billing.PaymentsOff e) {
    return problem(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage()));
  }

  @ExceptionHandler(BillingApi.CheckoutNotFound.class)
  ResponseEntity<ProblemDetail> notFound(BillingApi.CheckoutNotFound e) {
    return problem(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage()));
  }

  @ExceptionHandler(Billing.TooManyCheckouts.class)
  ResponseEntity<ProblemDetail> tooMany(Billing.TooManyCheckouts e) {
    return problem(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()));
  }

  @ExceptionHandler(ProviderUnavailable.class)
  ResponseEntity<ProblemDetail> unavailable(ProviderUnavailable e) {
    log.warn("checkout not started or confirmed: {}", e.getMessage());
    return problem(
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_GATEWAY,
            "the payment provider could not be reached; nothing was charged, try again"));
  }

  @ExceptionHandler(WebhookRejected.class)
  ResponseEntity<ProblemDetail> rejected(WebhookRejected e) {
    return problem(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
  }

  private static ResponseEntity<ProblemDetail> problem(ProblemDetail p) {
    return ResponseEntity.status(p.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(p);
  }
}
