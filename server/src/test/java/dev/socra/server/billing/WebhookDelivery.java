package dev.socra.server.billing;

import dev.socra.server.billing.fake.WebhookOutbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** One webhook sent by hand: a provider's, replayed or tampered with by the test. */
record WebhookDelivery(byte[] body, Map<String, String> headers) {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static WebhookDelivery last(WebhookOutbox outbox) {
    WebhookOutbox.Delivery d = outbox.events().getLast();
    return new WebhookDelivery(d.body, d.headers);
  }

  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  WebhookDelivery withHeader(String name, String value) {
    Map<String, String> h = new HashMap<>(headers);
    h.put(name, value);
    return new WebhookDelivery(body, h);
  }

  WebhookDelivery withoutHeaders() {
    return new WebhookDelivery(body, Map.of());
  }

  WebhookDelivery withBody(String text) {
    return new WebhookDelivery(text.getBytes(StandardCharsets.UTF_8), headers);
  }

  int sendTo(String url) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
