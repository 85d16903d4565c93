package dev.socra.server.web;

import dev.socra.server.live.EventLog;
import dev.socra.server.live.SseStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

/**
 * Relays an {@link EventLog} to a page as Server-Sent Events whose data is HTML, for htmx's SSE
 * extension to swap in. Event ids are the log's, so a browser that reconnects by itself (it sends
 * {@code Last-Event-ID}) gets only what it missed. When the log is finished one {@code end} event
 * follows: the page closes its EventSource on it instead of letting the browser reconnect.
 */
final class HtmlStream {
  static final Duration HEARTBEAT = Duration.ofSeconds(15);
  static final String END = "end";

  private HtmlStream() {}

  /**
   * @param render the event as the page sees it (a name and HTML), or null to leave it out
   */
  static void relay(
      EventLog log,
      long lastId,
      HttpServletResponse response,
      Function<EventLog.Event, EventLog.Event> render)
      throws IOException {
    SseStream.open(response);
    OutputStream out = response.getOutputStream();
    long last = lastId;
    try {
      while (true) {
        EventLog.Batch batch = log.after(last, HEARTBEAT);
        for (EventLog.Event e : batch.events()) {
          EventLog.Event html = render.apply(e);
          if (html != null) {
            SseStream.write(out, new EventLog.Event(e.id(), html.name(), html.data()));
          }
          last = e.id();
        }
        if (batch.events().isEmpty() && !batch.closed()) {
          out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
        }
        if (batch.closed()) {
          // A closed log's batch holds all its remaining events. The data must not be empty, or
          // the browser never dispatches the event.
          SseStream.write(out, new EventLog.Event(0, END, END));
          out.flush();
          return;
        }
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
