package dev.socra.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small HTTP client for server tests: real requests on loopback, as one caller (a bearer token,
 * or nobody), JSON in and out, and Server-Sent Events read line by line.
 *
 * <pre>{@code
 * Http alice = Http.as(server.baseUrl(), server.userWithToken("alice"));
 * Http.Response r = alice.post("/api/sessions", Map.of("idea", "..."));
 * assertThat(r.status()).isEqualTo(201);
 * String id = r.json().get("id").asText();
 * List<Http.Event> events = alice.events("/api/sessions/" + id + "/turns/1/events");
 * }</pre>
 */
public final class Http {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private final String baseUrl;
  private final String token;

  private Http(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  /** Requests with {@code Authorization: Bearer token}. */
  public static Http as(String baseUrl, String token) {
    return new Http(baseUrl, token);
  }

  /** Requests without credentials. */
  public static Http anonymous(String baseUrl) {
    return new Http(baseUrl, null);
  }

  public record Response(int status, HttpHeaders headers, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    /** The header's first value, or null. */
    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  /** One event of a stream: its {@code id}, {@code event} name ("message" by default), data. */
  public record Event(String id, String name, String data) {
    public JsonNode json() {
      try {
        return JSON.readTree(data);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + data, e);
      }
    }
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  /** POSTs {@code body} as JSON: a String is sent as it is, anything else through Jackson. */
  public Response post(String path, Object body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json(body))));
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  /** Any request, for what the helpers above do not cover. */
  public Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A request builder for {@code path} with this caller's credentials. */
  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  /** GETs an event stream and reads it until the server ends it. */
  public List<Event> events(String path) {
    return events(request(path).GET(), Integer.MAX_VALUE);
  }

  /**
   * Reads at most {@code max} events of the stream the request opens, then hangs up; fails on a
   * status other than 200.
   */
  public List<Event> events(HttpRequest.Builder request, int max) {
    request.header("Accept", "text/event-stream");
    List<Event> events = new ArrayList<>();
    try {
      HttpResponse<InputStream> r =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
        if (r.statusCode() != 200) {
          throw new AssertionError(
              "HTTP " + r.statusCode() + ": " + String.join("\n", in.lines().toList()));
        }
        String id = null;
        String name = "message";
        StringBuilder data = new StringBuilder();
        boolean hasData = false;
        String line;
        while (events.size() < max && (line = in.readLine()) != null) {
          if (line.isEmpty()) { // an event ends at a blank line; one without data is no event
            if (hasData) {
              events.add(new Event(id, name, data.toString()));
            }
            name = "message";
            data.setLength(0);
            hasData = false;
          } else if (line.startsWith(":")) {
            continue; // a comment: keep-alive
          } else {
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
              value = value.substring(1);
            }
            switch (field) {
              case "id" -> id = value;
              case "event" -> name = value;
              case "data" -> {
                if (hasData) {
                  data.append('\n');
                }
                data.append(value);
                hasData = true;
              }
              default -> {}
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return events;
  }

  private static String json(Object body) {
    if (body instanceof String s) {
      return s;
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
