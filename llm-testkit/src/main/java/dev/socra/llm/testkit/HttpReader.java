package dev.socra.llm.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Minimal HTTP/1.1 request parser: request line, headers, and a body framed by Content-Length or
 * chunked transfer coding. Limits keep a confused client from exhausting the fake's memory.
 */
final class HttpReader {

  private static final int MAX_LINE = 16 * 1024;
  private static final int MAX_HEADERS = 200;
  private static final int MAX_BODY = 64 * 1024 * 1024;

  /** The request cannot be framed; the connection must be answered with 400 and closed. */
  static final class BadHttp extends IOException {
    BadHttp(String message) {
      super(message);
    }
  }

  private HttpReader() {}

  /**
   * Reads one request, or returns null when the peer closed the connection cleanly between
   * requests. Answers {@code Expect: 100-continue} on {@code out} so such clients do not stall.
   */
  static RawRequest read(InputStream in, OutputStream out) throws IOException {
    String requestLine = readLine(in, true);
    while (requestLine != null && requestLine.isEmpty()) {
      requestLine = readLine(in, true); // tolerate stray CRLFs between requests (RFC 9112 2.2)
    }
    if (requestLine == null) {
      return null;
    }
    String[] parts = requestLine.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      throw new BadHttp("bad request line");
    }
    Map<String, String> headers = readHeaders(in);
    if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
    return new RawRequest(parts[0], parts[1], parts[2], headers, readBody(in, headers));
  }

  private static Map<String, String> readHeaders(InputStream in) throws IOException {
    Map<String, String> headers = new HashMap<>();
    for (int count = 0; ; count++) {
      String line = readLine(in, false);
      if (line.isEmpty()) {
        return headers;
      }
      if (count >= MAX_HEADERS) {
        throw new BadHttp("too many headers");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new BadHttp("bad header line");
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      headers.merge(name, value, (a, b) -> a + ", " + b);
    }
  }

  private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
    String encoding = headers.get("transfer-encoding");
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      return readChunked(in);
    }
    String length = headers.get("content-length");
    if (length == null) {
      return new byte[0];
    }
    int n;
    try {
      n = Integer.parseInt(length.trim());
    } catch (NumberFormatException e) {
      throw new BadHttp("bad content-length");
    }
    if (n < 0 || n > MAX_BODY) {
      throw new BadHttp("content-length out of range");
    }
    return readExactly(in, n);
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in, false);
      int semicolon = sizeLine.indexOf(';');
      String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
      int size;
      try {
        size = Integer.parseInt(hex, 16);
      } catch (NumberFormatException e) {
        throw new BadHttp("bad chunk size");
      }
      if (size < 0 || body.size() + size > MAX_BODY) {
        throw new BadHttp("chunked body too large");
      }
      if (size == 0) {
        readHeaders(in); // trailers, ignored
        return body.toByteArray();
      }
      body.write(readExactly(in, size));
      if (!readLine(in, false).isEmpty()) {
        throw new BadHttp("missing CRLF after chunk");
      }
    }
  }

  private static byte[] readExactly(InputStream in, int n) throws IOException {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length != n) {
      throw new BadHttp("body shorter than announced");
    }
    return bytes;
  }

  /** Reads a line ending in LF (CR stripped). EOF before any byte yields null if allowed. */
  private static String readLine(InputStream in, boolean eofAllowed) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (eofAllowed && line.size() == 0) {
          return null;
        }
        throw new BadHttp("unexpected end of stream");
      }
      if (b == '\n') {
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      if (line.size() >= MAX_LINE) {
        throw new BadHttp("line too long");
      }
      line.write(b);
    }
  }
}
