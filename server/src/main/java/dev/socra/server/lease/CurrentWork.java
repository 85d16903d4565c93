package dev.socra.server.lease;

import java.util.Optional;

/**
 * The lease of the work running on this thread, and on the threads it starts (the pipeline's
 * parallel specialists inherit it): what {@link Leases#checkFence()} checks a write against. Writes
 * made for a request, not for leased work, carry none and are not fenced.
 */
public final class CurrentWork {
  private static final InheritableThreadLocal<WorkLease> LEASE = new InheritableThreadLocal<>();

  private CurrentWork() {}

  public static Optional<WorkLease> lease() {
    return Optional.ofNullable(LEASE.get());
  }

  /** Runs {@code work} with {@code lease} as this thread's (and its children's) current lease. */
  static void run(WorkLease lease, Runnable work) {
    WorkLease before = LEASE.get();
    LEASE.set(lease);
    try {
      work.run();
    } finally {
      LEASE.set(before);
    }
  }
}
