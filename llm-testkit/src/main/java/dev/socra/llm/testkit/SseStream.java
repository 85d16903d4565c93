package dev.socra.llm.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The body of a streamed response: each write is one HTTP chunk, flushed at once, so the client
 * sees every token when the fake sends it rather than when a buffer fills.
 */
final class SseStream {

  private final OutputStream out;

  SseStream(OutputStream out) {
    this.out = out;
  }

  void event(SseEvent event) throws IOException {
    raw(event.render());
  }

  /** Writes text that need not be a well-formed event, for the malformed-stream faults. */
  void raw(String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.write(CRLF);
    out.flush();
  }

  /** The terminal zero-length chunk: the HTTP message ends cleanly. */
  void end() throws IOException {
    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static final byte[] CRLF = {'\r', '\n'};
}
