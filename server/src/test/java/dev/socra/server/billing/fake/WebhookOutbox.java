package dev.socra.server.billing.fake;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fake provider's webhook deliveries, as the test orders them. Each event is queued signed (its
 * body and headers fixed, as a provider's are) and sent to the endpoint when the test says: {@link
 * #deliverAll()} in order, {@link #deliverNewestFirst()} out of order, {@link #drop()} lost, {@link
 * #redeliver()} again. A delivery answered with anything but 2xx stays queued and is tried again by
 * the next call (a provider's retry), at most {@link #MAX_ATTEMPTS} times. In {@link #automatic}
 * mode each event is delivered as it happens, retried up to the same bound.
 */
public final class WebhookOutbox {
  public static final int MAX_ATTEMPTS = 5;

  /** One signed event, and how its deliveries went. */
  public static final class Delivery {
    public final String eventId;
    public final String type;
    public final byte[] body;
    public final Map<String, String> headers;
    public final List<Integer> answers = new ArrayList<>();

    Delivery(String eventId, String type, byte[] body, Map<String, String> headers) {
      this.eventId = eventId;
      this.type = type;
      this.body = body;
      this.headers = headers;
    }

    public boolean delivered() {
      return !answers.isEmpty() && answers.getLast() / 100 == 2;
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Delivery> pending = new ArrayList<>();
  private final List<Delivery> all = new ArrayList<>();
  private volatile URI endpoint;
  private volatile boolean automatic;

  /** Where events go: the server's {@code /webhooks/...}. */
  public void endpoint(String url) {
    this.endpoint = URI.create(url);
  }

  /** Deliver each event as it happens (the browser tests). */
  public void automatic(boolean on) {
    this.automatic = on;
  }

  void queue(String eventId, String type, byte[] body, Map<String, String> headers) {
    Delivery d = new Delivery(eventId, type, body, headers);
    lock.lock();
    try {
      pending.add(d);
      all.add(d);
    } finally {
      lock.unlock();
    }
    if (automatic) {
      Thread.ofVirtual().start(this::deliverAll);
    }
  }

  /** Sends every queued event in the order they happened; returns the answers' statuses. */
  public List<Integer> deliverAll() {
    return deliver(false);
  }

  /** Sends every queued event, the newest first (a provider promises no order). */
  public List<Integer> deliverNewestFirst() {
    return deliver(true);
  }

  /** Loses every queued event: Socra never hears of them. */
  public void drop() {
    lock.lock();
    try {
      pending.clear();
    } finally {
      lock.unlock();
    }
  }

  /** Sends every event ever queued once more (a provider's redelivery, or an attacker's replay). */
  public List<Integer> redeliver() {
    List<Delivery> again;
    lock.lock();
    try {
      again = List.copyOf(all);
    } finally {
      lock.unlock();
    }
    List<Integer> out = new ArrayList<>();
    for (Delivery d : again) {
      out.add(send(d));
    }
    return out;
  }

  /** Forgets every event: a test starts from a quiet provider. */
  public void reset() {
    lock.lock();
    try {
      pending.clear();
      all.clear();
    } finally {
      lock.unlock();
    }
  }

  /** Every event queued so far, delivered or not. */
  public List<Delivery> events() {
    lock.lock();
    try {
      return List.copyOf(all);
    } finally {
      lock.unlock();
    }
  }

  public List<Delivery> pending() {
    lock.lock();
    try {
      return List.copyOf(pending);
    } finally {
      lock.unlock();
    }
  }

  private List<Integer> deliver(boolean newestFirst) {
    List<Integer> out = new ArrayList<>();
    int round = 0;
    while (true) {
      List<Delivery> batch;
      lock.lock();
      try {
        batch = new ArrayList<>(pending);
      } finally {
        lock.unlock();
      }
      if (batch.isEmpty()) {
        return out;
      }
      if (newestFirst) {
        java.util.Collections.reverse(batch);
      }
      for (Delivery d : batch) {
        int status = send(d);
        out.add(status);
        lock.lock();
        try {
          if (status / 100 == 2 || d.answers.size() >= MAX_ATTEMPTS) {
            pending.remove(d);
          }
        } finally {
          lock.unlock();
        }
      }
      // A test's call is one round of tries; the automatic mode retries at once, boundedly.
      if (!automatic || ++round >= MAX_ATTEMPTS) {
        return out;
      }
    }
  }

  private int send(Delivery d) {
    URI to = endpoint;
    if (to == null) {
      throw new IllegalStateException("no webhook endpoint set");
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(to)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(d.body));
    d.headers.forEach(b::header);
    int status;
    try {
      status = http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      status = 599; // no answer: retried like an error
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = 599;
    }
    lock.lock();
    try {
      d.answers.add(status);
    } finally {
      lock.unlock();
    }
    return status;
  }
}
