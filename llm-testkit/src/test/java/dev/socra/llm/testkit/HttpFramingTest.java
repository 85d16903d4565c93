package dev.socra.llm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HTTP/1.1 framing checked at the byte level, below what HttpClient lets a test see. */
class HttpFramingTest extends FakeServerTest {

  static final String BODY = Wire.openAiBody("m+tokens=2", false, "hi").toString();

  record Response(int status, Map<String, String> headers, String body) {}

  static String request(String extraHeaders, String body) {
    return "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\n"
        + extraHeaders
        + "Content-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        throw new IOException("eof");
      }
      line.write(b);
    }
    return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
  }

  static Response read(InputStream in) throws IOException {
    int status = Integer.parseInt(line(in).split(" ")[1]);
    Map<String, String> headers = new HashMap<>();
    for (String h; !(h = line(in)).isEmpty(); ) {
      int colon = h.indexOf(':');
      headers.put(h.substring(0, colon).toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    return new Response(status, headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
  }

  @Test
  void servesSeveralRequestsOnOneConnection() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", fake.port())) {
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      for (int i = 0; i < 3; i++) {
        out.write(request("", BODY).getBytes(StandardCharsets.UTF_8));
        out.flush();
        Response response = read(in);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("chat.completion");
        assertThat(response.headers()).doesNotContainKey("connection");
      }
    }
  }

  @Test
  void honoursConnectionClose() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", fake.port())) {
      socket
          .getOutputStream()
          .write(request("Connection: close\r\n", BODY).getBytes(StandardCharsets.UTF_8));
      InputStream in = new BufferedInputStream(socket.getInputStream());

      Response response = read(in);

      assertThat(response.headers()).containsEntry("connection", "close");
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void readsChunkedRequestBodies() throws Exception {
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    int half = body.length / 2;
    String head =
        "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\n"
            + "Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n";
    try (Socket socket = new Socket("127.0.0.1", fake.port())) {
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(line(in)).isEqualTo("HTTP/1.1 100 Continue");
      assertThat(line(in)).isEmpty();
      out.write((Integer.toHexString(half) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, half);
      out.write(
          ("\r\n" + Integer.toHexString(body.length - half) + ";ext=1\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body, half, body.length - half);
      out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();

      Response response = read(in);

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).contains(FakeProvider.canonicalAnswer("hi", 2));
    }
  }

  @Test
  void garbageGets400AndClose() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", fake.port())) {
      socket.getOutputStream().write("NONSENSE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = new BufferedInputStream(socket.getInputStream());

      assertThat(read(in).status()).isEqualTo(400);
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void streamsAreChunkedWithATerminalChunk() throws Exception {
    String stream = Wire.openAiBody("m+tokens=1", true, "hi").toString();
    try (Socket socket = new Socket("127.0.0.1", fake.port())) {
      socket
          .getOutputStream()
          .write(request("Connection: close\r\n", stream).getBytes(StandardCharsets.UTF_8));

      String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(raw)
          .contains("transfer-encoding: chunked")
          .contains("content-type: text/event-stream");
      assertThat(raw).endsWith("data: [DONE]\n\n\r\n0\r\n\r\n");
    }
  }
}
