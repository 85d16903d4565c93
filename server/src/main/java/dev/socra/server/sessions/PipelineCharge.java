package dev.socra.server.sessions;

import dev.socra.server.account.SocraUser;

/**
 * What a pipeline run costs the founder, when the server charges for it: taken as a run starts,
 * given back when it fails for a reason that is not the founder's. A run that resumes (after a
 * restart, on another server, in a second tab) is not charged again.
 */
public interface PipelineCharge {
  /**
   * Charges for the run about to start, or finds it paid already.
   *
   * @throws RuntimeException (a payment-required error) to refuse the start
   */
  void charge(SocraUser user, String sessionId);

  /**
   * The run failed with {@code cause}: gives its charge back unless the failure was the founder's.
   */
  void giveBack(String sessionId, Throwable cause);

  /** Everything free: no payments configured. */
  PipelineCharge FREE =
      new PipelineCharge() {
        @Override
        public void charge(SocraUser user, String sessionId) {}

        @Override
        public void giveBack(String sessionId, Throwable cause) {}
      };
}
