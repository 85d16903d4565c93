package dev.socra.server.account;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The client address that sign-in and sign-up limits count by: the connecting address as Tomcat
 * sees it. An IPv6 address counts by its /64 network, since one subscriber is commonly given a
 * whole /64 and could otherwise take a fresh address for every try.
 */
final class ClientAddress {
  private ClientAddress() {}

  static String of(String remoteAddress) {
    if (remoteAddress == null || remoteAddress.isBlank()) {
      return "unknown";
    }
    String a = remoteAddress.strip();
    if (a.indexOf(':') < 0) {
      return a; // IPv4: no lookup, the text is the address
    }
    try {
      // A literal: parsed without any lookup (getByName resolves only names, never literals).
      InetAddress parsed = InetAddress.getByName(a.startsWith("[") ? a : "[" + a + "]");
      if (parsed instanceof Inet6Address v6) {
        byte[] b = v6.getAddress();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
          s.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
        }
        return s.append(":/64").toString();
      }
      return parsed.getHostAddress();
    } catch (UnknownHostException e) {
      return a.length() > 64 ? a.substring(0, 64) : a;
    }
  }
}
