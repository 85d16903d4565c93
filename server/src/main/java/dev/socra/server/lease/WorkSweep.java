package dev.socra.server.lease;

/**
 * Looks for work to take over (leases that expired while this server runs), once a heartbeat;
 * {@link LeaseKeeper} calls every bean of this type.
 */
public interface WorkSweep {
  void sweep();
}
