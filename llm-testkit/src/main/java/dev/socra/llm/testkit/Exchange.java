package dev.socra.llm.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The response side of one connection, with the socket-level misbehaviours (reset, hang, abrupt
 * close) that a plain HTTP server library would not let the fake perform.
 */
final class Exchange {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final java.time.Clock clock;
  private boolean closeAfterResponse;

  Exchange(Socket socket, InputStream in, OutputStream out, java.time.Clock clock) {
    this.socket = socket;
    this.in = in;
    this.out = out;
    this.clock = clock;
  }

  /** Set per request: when the client asked to close, responses say {@code Connection: close}. */
  void closeAfterResponse(boolean close) {
    this.closeAfterResponse = close;
  }

  void send(Reply reply) throws IOException {
    writeHead(reply.status(), reply.headers(), reply.contentType(), reply.body().length, false);
    out.write(reply.body());
    out.flush();
  }

  /** Announces the full body length but sends only its first {@code bytes} bytes. */
  void sendTruncated(Reply reply, int bytes) throws IOException {
    writeHead(reply.status(), reply.headers(), reply.contentType(), reply.body().length, false);
    out.write(reply.body(), 0, bytes);
    out.flush();
  }

  /** Sends the head of a 200 event stream; the body follows as chunks. */
  SseStream openStream(Map<String, String> headers) throws IOException {
    writeHead(200, headers, "text/event-stream; charset=utf-8", -1, true);
    out.flush();
    return new SseStream(out);
  }

  /** Resets the TCP connection: linger 0 makes close send RST instead of FIN. */
  void reset() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  /** Closes the socket mid-response (FIN), so the bytes already sent still reach the client. */
  void cut() throws IOException {
    out.flush();
    socket.close();
  }

  /** Sends nothing more and waits until the client goes away or the fake closes the socket. */
  void holdUntilClientLeaves() {
    byte[] sink = new byte[4096];
    try {
      while (in.read(sink) >= 0) {
        // discard whatever the client still sends
      }
    } catch (IOException e) {
      // the client or the fake closed the socket: exactly what we were waiting for
    }
  }

  private void writeHead(
      int status, Map<String, String> headers, String contentType, long length, boolean chunked)
      throws IOException {
    StringBuilder head = new StringBuilder(256);
    head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    head.append("date: ").append(Times.httpDate(clock.instant())).append("\r\n");
    head.append("content-type: ").append(contentType).append("\r\n");
    if (chunked) {
      head.append("transfer-encoding: chunked\r\ncache-control: no-cache\r\n");
    } else {
      head.append("content-length: ").append(length).append("\r\n");
    }
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    if (closeAfterResponse) {
      head.append("connection: close\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 402 -> "Payment Required";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 413 -> "Payload Too Large";
      case 422 -> "Unprocessable Entity";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      case 529 -> "Site Overloaded";
      default -> "Status " + status;
    };
  }
}
