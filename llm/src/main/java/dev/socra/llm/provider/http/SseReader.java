package dev.socra.llm.provider.http;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Reads server-sent events (the WHATWG format) from a {@link LineSource}. */
public final class SseReader {
  private final LineSource lines;

  public SseReader(LineSource lines) {
    this.lines = lines;
  }

  /**
   * The next event, or null at the end of the stream. A partial event cut off by the end of the
   * stream is dropped, as the format requires.
   */
  public SseEvent next(Duration timeout) throws IOException, TimeoutException {
    long until = System.nanoTime() + timeout.toNanos();
    String event = "";
    StringBuilder data = null;
    while (true) {
      String line = lines.next(Duration.ofNanos(until - System.nanoTime()));
      if (line == null) {
        return null;
      }
      if (line.isEmpty()) {
        if (data != null) {
          return new SseEvent(event, data.toString());
        }
        event = "";
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "event" -> event = value;
        case "data" -> {
          if (data == null) {
            data = new StringBuilder(value);
          } else {
            data.append('\n').append(value);
          }
        }
        default -> {
          // id and retry do not matter to a one-shot completion stream
        }
      }
    }
  }
}
