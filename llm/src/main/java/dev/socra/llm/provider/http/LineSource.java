package dev.socra.llm.provider.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lines of a response body, each waited for with its own time limit. A blocking read cannot time
 * out by itself, so a virtual thread reads ahead and the caller polls; on abandon the body is
 * closed, which ends the reader.
 */
public final class LineSource implements AutoCloseable {
  private static final Object END = new Object();

  private final InputStream body;
  private final LinkedBlockingQueue<Object> lines = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  public LineSource(InputStream body) {
    this.body = body;
    Thread.ofVirtual().name("socra-body-reader").start(this::pump);
  }

  private void pump() {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String line;
      while (!closed && (line = reader.readLine()) != null) {
        lines.add(line);
      }
      lines.add(END);
    } catch (IOException e) {
      lines.add(closed ? END : e);
    }
  }

  /**
   * The next line, or null at the end of the body.
   *
   * @throws TimeoutException when no line came within {@code timeout}
   * @throws IOException when the connection broke
   */
  public String next(Duration timeout) throws IOException, TimeoutException {
    Object item;
    try {
      item = lines.poll(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the response", e);
    }
    if (item == null) {
      throw new TimeoutException();
    }
    if (item == END) {
      lines.add(END);
      return null;
    }
    if (item instanceof IOException e) {
      lines.add(e);
      throw e;
    }
    return (String) item;
  }

  @Override
  public void close() {
    closed = true;
    try {
      body.close();
    } catch (IOException ignored) {
      // the body is being abandoned; nothing to recover
    }
  }
}
