package dev.socra.server.cluster;

/**
 * This server cannot join the others on its database: one of them, or this one, keeps its state in
 * memory. The message is the one line {@code socra serve} prints.
 */
public class ClusterRefusedException extends RuntimeException {
  public ClusterRefusedException(String message) {
    super(message, null, false, false);
  }
}
