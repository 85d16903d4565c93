package dev.socra.server.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain HTTP against a test server, and reading what the actuator answers. */
final class Http {
  static final HttpClient CLIENT = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  private Http() {}

  static HttpResponse<String> get(String url) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** As the server's admin: {@code Authorization: Bearer token}. */
  static HttpResponse<String> get(String url, String token) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  /**
   * The value of the Prometheus sample {@code name} whose labels include every {@code k="v"} given
   * as {@code k=v}; NaN when there is none.
   */
  static double sample(String exposition, String name, String... labels) {
    for (String line : exposition.split("\n")) {
      if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
        continue;
      }
      boolean all = true;
      for (String l : labels) {
        int eq = l.indexOf('=');
        all &= line.contains(l.substring(0, eq) + "=\"" + l.substring(eq + 1) + "\"");
      }
      if (all) {
        Matcher m = Pattern.compile("\\s(\\S+)$").matcher(line);
        if (m.find()) {
          return Double.parseDouble(m.group(1));
        }
      }
    }
    return Double.NaN;
  }
}
