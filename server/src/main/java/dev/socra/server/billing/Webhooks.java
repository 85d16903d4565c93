package dev.socra.server.billing;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/razorpay} and {@code POST /webhooks/stripe}: the raw body is read (at most
 * {@link #MAX_BODY} bytes) before anything parses it, its signature verified, and the event acted
 * on once. Anything not believed is 400 with the reason, which is also logged; a provider that
 * could not be asked (while settling) is 503, so the provider delivers again later.
 */
@RestController
class Webhooks {
  private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

  /** Providers' events are a few KiB; nothing larger is read. */
  static final int MAX_BODY = 256 * 1024;

  private final Billing billing;

  Webhooks(Billing billing) {
    this.billing = billing;
  }

  @PostMapping("/webhooks/{provider}")
  ResponseEntity<Map<String, Object>> receive(
      @PathVariable("provider") String provider, HttpServletRequest request) throws IOException {
    String name = provider.toLowerCase(Locale.ROOT);
    if (!billing.enabled() || !billing.provider().name().id().equals(name)) {
      return answer(HttpStatus.NOT_FOUND, "no " + clean(name) + " payments on this server");
    }
    if (request.getContentLengthLong() > MAX_BODY) {
      return answer(
          HttpStatus.PAYLOAD_TOO_LARGE, "a webhook body is at most " + MAX_BODY + " bytes");
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      return answer(
          HttpStatus.PAYLOAD_TOO_LARGE, "a webhook body is at most " + MAX_BODY + " bytes");
    }
    Map<String, String> headers = new HashMap<>();
    for (String h : Collections.list(request.getHeaderNames())) {
      headers.put(h.toLowerCase(Locale.ROOT), request.getHeader(h));
    }
    try {
      WebhookEvent event = billing.provider().read(body, headers);
      billing.handle(event);
      return ResponseEntity.ok(Map.of("received", true));
    } catch (WebhookRejected e) {
      log.warn(
          "{} webhook refused (from {}, {} bytes): {}",
          name,
          request.getRemoteAddr(),
          body.length,
          e.getMessage());
      return answer(HttpStatus.BAD_REQUEST, e.getMessage());
    } catch (ProviderUnavailable e) {
      log.warn("{} webhook not handled now: {}", name, e.getMessage());
      return answer(HttpStatus.SERVICE_UNAVAILABLE, "try again later");
    }
  }

  private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String error) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("error", error));
  }

  private static String clean(String s) {
    String v = s.replaceAll("[^a-z0-9_-]", "?");
    return v.length() > 40 ? v.substring(0, 40) : v;
  }
}
