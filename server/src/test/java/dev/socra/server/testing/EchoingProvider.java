package dev.socra.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A provider on loopback that speaks OpenAI's chat-completions wire format and echoes the API key
 * it was sent, in the form the last user message asks for with {@code echo:WHERE-FORM}:
 *
 * <ul>
 *   <li>WHERE: {@code error} (a 400 whose message quotes the key), {@code inband} (a stream that
 *       starts, then carries an error event quoting the key; not streamed, an error inside a 200),
 *       {@code content} (the answer's text holds the key), {@code split} (a stream whose text holds
 *       the key cut between two events)
 *   <li>FORM, as written on the wire inside a JSON string: {@code plain}, {@code json} (its {@code
 *       _} as a JSON escape), {@code jsonall} (every character escaped), {@code lower}, {@code
 *       upper}, {@code url} (every byte %-escaped), {@code base64}
 * </ul>
 *
 * <p>Anything else gets a plain answer. The bytes are written as given, so the escapes reach the
 * client as a provider would send them.
 */
public final class EchoingProvider implements AutoCloseable {
  public static final String[] FORMS = {
    "plain", "json", "jsonall", "lower", "upper", "url", "base64"
  };
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ASK = Pattern.compile("echo:(error|inband|content|split)-(\\w+)");

  private final HttpServer server;

  private EchoingProvider(HttpServer server) {
    this.server = server;
  }

  public static EchoingProvider start() {
    try {
      HttpServer s =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      s.createContext("/", EchoingProvider::answer);
      s.start();
      return new EchoingProvider(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** OpenAI's base URL for this provider. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** The key in {@code form}, as it is written inside a JSON string on the wire. */
  public static String encode(String key, String form) {
    return switch (form) {
      case "plain" -> key;
      case "json" -> key.replace("_", "\\u005f").replace("-", "\\u002d");
      case "jsonall" -> {
        StringBuilder b = new StringBuilder();
        key.chars().forEach(c -> b.append(String.format(Locale.ROOT, "\\u%04x", c)));
        yield b.toString();
      }
      case "lower" -> key.toLowerCase(Locale.ROOT);
      case "upper" -> key.toUpperCase(Locale.ROOT);
      case "url" -> {
        StringBuilder b = new StringBuilder();
        for (byte x : key.getBytes(StandardCharsets.UTF_8)) {
          b.append(String.format(Locale.ROOT, "%%%02X", x));
        }
        yield b.toString();
      }
      case "base64" -> Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
      default -> throw new IllegalArgumentException(form);
    };
  }

  private static void answer(HttpExchange x) throws IOException {
    try (x) {
      JsonNode body = JSON.readTree(x.getRequestBody());
      String key = x.getRequestHeaders().getFirst("Authorization").substring("Bearer ".length());
      JsonNode messages = body.path("messages");
      String last =
          messages.isEmpty() ? "" : messages.get(messages.size() - 1).path("content").asText();
      boolean stream = body.path("stream").asBoolean(false);
      Matcher m = ASK.matcher(last);
      if (!m.find()) {
        text(x, stream, "All well.", "");
        return;
      }
      String where = m.group(1);
      String form = m.group(2);
      String echoed = encode(key, form);
      switch (where) {
        case "error" ->
            send(
                x,
                400,
                "application/json",
                "{\"error\":{\"message\":\"Invalid request for key "
                    + echoed
                    + ". Check it.\",\"type\":\"invalid_request_error\",\"code\":\"invalid\"}}");
        case "inband" -> {
          if (!stream) { // an error inside a 200, as some providers answer
            send(
                x,
                200,
                "application/json",
                "{\"error\":{\"message\":\"Upstream failed for key "
                    + echoed
                    + "\",\"type\":\"server_error\",\"code\":\"internal\"}}");
            return;
          }
          StringBuilder sse = new StringBuilder();
          sse.append(chunk("{\"role\":\"assistant\",\"content\":\"Thinking\"}", null));
          sse.append("data: {\"error\":{\"message\":\"Upstream failed for key ")
              .append(echoed)
              .append("\",\"type\":\"server_error\",\"code\":\"internal\"}}\n\n");
          send(x, 200, "text/event-stream", sse.toString());
        }
        case "content" -> text(x, stream, "Your key is " + echoed + ". Done.", "");
        default -> { // split: the key cut between two events
          String first = encode(key.substring(0, 13), form);
          String second = encode(key.substring(13), form);
          text(x, stream, "Your key is " + first, second + ". Done.");
        }
      }
    }
  }

  /** An answer whose text is {@code a + b}: two content events when streamed. */
  private static void text(HttpExchange x, boolean stream, String a, String b) throws IOException {
    if (!stream) {
      send(
          x,
          200,
          "application/json",
          "{\"id\":\"chatcmpl-echo\",\"object\":\"chat.completion\",\"created\":1,"
              + "\"model\":\"echo\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
              + "\"content\":\""
              + a
              + b
              + "\"},\"finish_reason\":\"stop\"}],"
              + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":5,\"total_tokens\":10}}");
      return;
    }
    StringBuilder sse = new StringBuilder();
    sse.append(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null));
    sse.append(chunk("{\"content\":\"" + a + "\"}", null));
    if (!b.isEmpty()) {
      sse.append(chunk("{\"content\":\"" + b + "\"}", null));
    }
    sse.append(chunk("{}", "stop"));
    sse.append(
        "data: {\"id\":\"chatcmpl-echo\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"echo\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,"
            + "\"completion_tokens\":5,\"total_tokens\":10}}\n\n");
    sse.append("data: [DONE]\n\n");
    send(x, 200, "text/event-stream", sse.toString());
  }

  private static String chunk(String delta, String finish) {
    return "data: {\"id\":\"chatcmpl-echo\",\"object\":\"chat.completion.chunk\",\"created\":1,"
        + "\"model\":\"echo\",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"finish_reason\":"
        + (finish == null ? "null" : "\"" + finish + "\"")
        + "}]}\n\n";
  }

  private static void send(HttpExchange x, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", type);
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
