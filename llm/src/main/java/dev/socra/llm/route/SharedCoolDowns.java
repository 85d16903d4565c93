package dev.socra.llm.route;

import java.time.Instant;
import java.util.Optional;

/**
 * Cool-downs that routers on several servers share: a target that answered one server with a 429
 * (or ran out of quota, or went silent) is left alone by every server until the time it named. The
 * circuit breaker is not shared: it judges this server's own calls (its network path, its
 * timeouts), and a breaker of one server opening on another's failures would turn one bad link into
 * an outage everywhere.
 */
public interface SharedCoolDowns {
  /** Nothing shared: each router keeps its own cool-downs (one server). */
  SharedCoolDowns NONE =
      new SharedCoolDowns() {
        @Override
        public void coolDown(TargetId target, Instant until, String reason) {}

        @Override
        public Optional<TargetState.CoolingDown> coolingDown(TargetId target) {
          return Optional.empty();
        }
      };

  /**
   * Tells every router sharing this that {@code target} cools down until {@code until}; a later end
   * replaces an earlier one, never the other way round. Never throws: a store out of reach shares
   * nothing, and each router still keeps its own cool-down.
   */
  void coolDown(TargetId target, Instant until, String reason);

  /** The latest cool-down any router set for {@code target}, if there is one; never throws. */
  Optional<TargetState.CoolingDown> coolingDown(TargetId target);
}
