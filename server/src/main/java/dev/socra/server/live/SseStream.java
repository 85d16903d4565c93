package dev.socra.server.live;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Relays an {@link EventLog} to one HTTP client as Server-Sent Events, from the event after the
 * client's {@code Last-Event-ID}. Runs on the request's own (virtual) thread: blocking is cheap, so
 * the relay is a plain loop. A client that goes away ends the relay, not the work.
 */
public final class SseStream {
  /** A comment line this often keeps proxies from closing an idle stream. */
  static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private SseStream() {}

  /** The id a reconnecting client last saw: the header, or {@code lastEventId} as a parameter. */
  public static long lastEventId(HttpServletRequest request) {
    String v = request.getHeader("Last-Event-ID");
    if (v == null) {
      v = request.getParameter("lastEventId");
    }
    if (v == null || v.isBlank()) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(v.strip()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  public static void open(HttpServletResponse response) throws IOException {
    response.setStatus(200);
    response.setContentType("text/event-stream");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("X-Accel-Buffering", "no");
    response.flushBuffer();
  }

  /** How a relay ended. */
  public enum Relayed {
    /** The log closed and the client had every event. */
    COMPLETE,
    /** The client went away while the work still had events for it (the work goes on). */
    ABANDONED
  }

  /**
   * Sends everything after {@code lastId} and follows the log until it closes or the client goes
   * away (a write fails); says which.
   */
  public static Relayed relay(EventLog log, long lastId, HttpServletResponse response)
      throws IOException {
    open(response);
    OutputStream out = response.getOutputStream();
    long last = lastId;
    try {
      while (true) {
        EventLog.Batch batch = log.after(last, HEARTBEAT);
        if (batch.events().isEmpty()) {
          if (batch.closed()) {
            return Relayed.COMPLETE;
          }
          out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          continue;
        }
        for (EventLog.Event e : batch.events()) {
          write(out, e);
          last = e.id();
        }
        out.flush();
      }
    } catch (IOException e) {
      return Relayed.ABANDONED; // the client hung up: nobody is left to tell
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Relayed.ABANDONED;
    }
  }

  /** One event, without following anything (replays built from stored state). */
  public static void write(OutputStream out, EventLog.Event e) throws IOException {
    StringBuilder b = new StringBuilder(e.data().length() + 40);
    if (e.id() > 0) {
      b.append("id: ").append(e.id()).append('\n');
    }
    b.append("event: ").append(e.name()).append('\n');
    // JSON has no raw newlines, but a data line must never carry one: split defensively.
    for (String line : e.data().split("\n", -1)) {
      b.append("data: ").append(line).append('\n');
    }
    b.append('\n');
    out.write(b.toString().getBytes(StandardCharsets.UTF_8));
  }
}
