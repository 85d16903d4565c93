package dev.socra.server.billing.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/** The JDK's HTTP server on loopback, with what both fakes need to answer. */
final class FakeHttp {
  static final ObjectMapper JSON = new ObjectMapper();

  private FakeHttp() {}

  static HttpServer start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String base(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  static void json(HttpExchange x, int status, Object body) throws IOException {
    send(x, status, "application/json", JSON.writeValueAsBytes(body));
  }

  static void html(HttpExchange x, int status, String body) throws IOException {
    send(x, status, "text/html; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
    x.getResponseHeaders().set("Content-Type", type);
    x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      x.getResponseBody().write(body);
    }
    x.close();
  }

  static void redirect(HttpExchange x, String location) throws IOException {
    x.getResponseHeaders().set("Location", location);
    x.sendResponseHeaders(303, -1);
    x.close();
  }

  static byte[] body(HttpExchange x) throws IOException {
    return x.getRequestBody().readNBytes(1024 * 1024);
  }

  /** An {@code application/x-www-form-urlencoded} body, keys as sent ({@code a[b][0]}). */
  static Map<String, String> form(byte[] body) {
    Map<String, String> out = new LinkedHashMap<>();
    String s = new String(body, StandardCharsets.UTF_8);
    if (s.isEmpty()) {
      return out;
    }
    for (String pair : s.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
