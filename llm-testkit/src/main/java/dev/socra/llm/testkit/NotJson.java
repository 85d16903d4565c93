package dev.socra.llm.testkit;

import java.io.IOException;
import java.util.Map;

/**
 * A 200 that is not what the API promises: the HTML error page a proxy or CDN puts in front of a
 * provider, or an event stream of garbage lines.
 */
final class NotJson {

  static final String HTML =
      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
          + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n"
          + "</body>\r\n</html>\r\n";

  private NotJson() {}

  static After send(Exchange exchange, boolean stream, Map<String, String> headers)
      throws IOException {
    if (!stream) {
      exchange.send(Reply.text(200, "text/html", HTML).withHeaders(headers));
      return After.KEEP_OPEN;
    }
    SseStream sse = exchange.openStream(headers);
    sse.raw("<html><body>upstream error</body></html>\n");
    sse.raw("this is not an event stream\n\n");
    sse.raw("data: <<garbage>>\n\n");
    sse.end();
    return After.KEEP_OPEN;
  }
}
