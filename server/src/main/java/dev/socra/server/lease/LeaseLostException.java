package dev.socra.server.lease;

/**
 * The work's lease is no longer this server's: another server took it over after it expired, or it
 * was released. Whatever the work would have written is refused.
 */
public class LeaseLostException extends RuntimeException {
  public LeaseLostException(WorkLease lease) {
    super(
        "the lease on "
            + lease.key()
            + " (fence "
            + lease.fence()
            + ") is no longer held by this server: another server runs the work now");
  }
}
