package dev.socra.llm.testkit;

import java.util.Map;

/**
 * One HTTP/1.1 request as read off the socket. Header names are lower-cased so lookups match the
 * way HTTP treats them (case-insensitively).
 */
record RawRequest(
    String method, String target, String version, Map<String, String> headers, byte[] body) {

  RawRequest {
    headers = Map.copyOf(headers);
  }

  /** The target without its query string, which no endpoint of the fake looks at. */
  String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  /** Header value, or null when absent. */
  String header(String name) {
    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  /** HTTP/1.1 keeps the connection unless told otherwise; HTTP/1.0 closes unless told otherwise. */
  boolean wantsClose() {
    String connection = header("connection");
    if (connection != null && connection.equalsIgnoreCase("close")) {
      return true;
    }
    return "HTTP/1.0".equals(version)
        && (connection == null || !connection.equalsIgnoreCase("keep-alive"));
  }
}
