package dev.socra.llm.testkit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Set;

/** One client connection: requests are served in turn until either side closes (keep-alive). */
final class Connection implements Runnable {

  private final Socket socket;
  private final Routes routes;
  private final Set<Socket> open;
  private final java.time.Clock clock;

  Connection(Socket socket, Routes routes, Set<Socket> open, java.time.Clock clock) {
    this.socket = socket;
    this.routes = routes;
    this.open = open;
    this.clock = clock;
  }

  @Override
  public void run() {
    try (socket) {
      socket.setTcpNoDelay(true); // each streamed token must leave at once
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = new BufferedOutputStream(socket.getOutputStream());
      Exchange exchange = new Exchange(socket, in, out, clock);
      while (true) {
        RawRequest request;
        try {
          request = HttpReader.read(in, out);
        } catch (HttpReader.BadHttp e) {
          exchange.closeAfterResponse(true);
          exchange.send(Reply.text(400, "text/plain", "Bad Request: " + e.getMessage() + "\n"));
          return;
        }
        if (request == null) {
          return;
        }
        exchange.closeAfterResponse(request.wantsClose());
        if (routes.handle(request, exchange) == After.CLOSE || request.wantsClose()) {
          return;
        }
      }
    } catch (IOException | InterruptedException e) {
      // the client went away, or the fake is closing: nothing left to answer
    } catch (RuntimeException e) {
      System.err.println("fake provider: connection failed: " + e); // a bug in the fake itself
      e.printStackTrace();
    } finally {
      open.remove(socket);
    }
  }
}
