package dev.socra.server.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One user's view of the sessions API over real HTTP, with a plain Server-Sent Events reader. */
final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  record Response(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(body, e);
      }
    }
  }

  record Event(String id, String name, String data) {
    JsonNode json() {
      try {
        return JSON.readTree(data);
      } catch (IOException e) {
        throw new UncheckedIOException(data, e);
      }
    }
  }

  private final String base;
  private final String token;

  ApiClient(String base, String token) {
    this.base = base;
    this.token = token;
  }

  Response get(String path) {
    return send(request(path).GET());
  }

  Response post(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json").POST(publisher(body)));
  }

  Response delete(String path) {
    return send(request(path).DELETE());
  }

  /** The same client with another token. */
  ApiClient as(String otherToken) {
    return new ApiClient(base, otherToken);
  }

  /** Any method with a JSON body (or none): PUT, PATCH, DELETE. */
  Response send(String method, String path, Object body) {
    return send(
        request(path).header("Content-Type", "application/json").method(method, publisher(body)));
  }

  /** Reads a whole event stream (the server ends it when the work is done). */
  List<Event> events(String method, String path, Object body, String lastEventId) {
    return events(method, path, body, lastEventId, Integer.MAX_VALUE);
  }

  /** Reads at most {@code max} events, then hangs up (a tab closing mid-stream). */
  List<Event> events(String method, String path, Object body, String lastEventId, int max) {
    return events(method, path, body, lastEventId, max, e -> false);
  }

  /** Reads until {@code max} events or the first event {@code stop} accepts, then hangs up. */
  List<Event> events(
      String method,
      String path,
      Object body,
      String lastEventId,
      int max,
      java.util.function.Predicate<Event> stop) {
    HttpRequest.Builder b = request(path).header("Accept", "text/event-stream");
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    b =
        method.equals("GET")
            ? b.GET()
            : b.header("Content-Type", "application/json").method(method, publisher(body));
    try {
      HttpResponse<InputStream> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() != 200) {
        String err = new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
        throw new AssertionError("HTTP " + r.statusCode() + " on " + path + ": " + err);
      }
      List<Event> events = new ArrayList<>();
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
        String id = null;
        String name = "message";
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
          if (line.isEmpty()) {
            if (!data.isEmpty()) {
              Event e = new Event(id, name, data.toString());
              events.add(e);
              if (events.size() >= max || stop.test(e)) {
                return events;
              }
            }
            id = null;
            name = "message";
            data.setLength(0);
          } else if (line.startsWith("id: ")) {
            id = line.substring(4);
          } else if (line.startsWith("event: ")) {
            name = line.substring(7);
          } else if (line.startsWith("data: ")) {
            if (!data.isEmpty()) {
              data.append('\n');
            }
            data.append(line.substring(6));
          }
        }
      }
      return events;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private static HttpRequest.BodyPublisher publisher(Object body) {
    try {
      return body == null
          ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(
              body instanceof String s ? s : JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Response send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
