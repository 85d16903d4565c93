package dev.socra.server.lease;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * This server process's name in the work it owns: host, process id and a random part, so a server
 * restarted with the same host and pid is still another owner. Where a later multi-server mode
 * registers servers and their heartbeats, this is the name they go by.
 */
@Component
public class ServerId {
  private final String value;

  public ServerId() {
    this(host() + "-" + ProcessHandle.current().pid() + "-" + random());
  }

  ServerId(String value) {
    this.value = value.length() > 200 ? value.substring(0, 200) : value;
  }

  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "host";
    }
  }

  private static String random() {
    byte[] b = new byte[4];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
