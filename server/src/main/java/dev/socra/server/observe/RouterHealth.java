package dev.socra.server.observe;

import dev.socra.llm.ChatRequest;
import dev.socra.llm.Router;
import dev.socra.llm.route.RouteDescription;
import dev.socra.llm.route.TargetState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code router}: every target of every route in the order the
 * router tries them, with its live state and the reason for it.
 *
 * <p>One open circuit is news, not an outage: the router fails over. The server is reported
 * unusable only when no target of the default route can take a call: {@code DOWN} when every one is
 * disabled (a rejected key or model: one call re-checks it after {@code retry.auth_recheck}, but
 * most need a configuration change), {@code OUT_OF_SERVICE} when every one is disabled or
 * circuit-open and at least one circuit will let a probe through by itself. A target cooling down
 * (after a 429, an exhausted quota, silence) counts as usable: the router waits for its cool-down
 * within a call's deadline.
 *
 * <p>The endpoint is public, so it names targets and states only: no URL, no key fingerprint, no
 * provider text (the log has those).
 */
@Component("routerHealthIndicator")
public class RouterHealth implements HealthIndicator {
  private final Router router;
  private final TargetStates states;

  public RouterHealth(Router router, TargetStates states) {
    this.router = router;
    this.states = states;
  }

  @Override
  public Health health() {
    RouteDescription d = router.describe();
    Map<String, Object> routes = new LinkedHashMap<>();
    for (var route : d.routes().entrySet()) {
      List<Map<String, Object>> targets = new ArrayList<>();
      for (RouteDescription.TargetView t : route.getValue()) {
        targets.add(target(t));
      }
      routes.put(route.getKey(), targets);
    }
    List<RouteDescription.TargetView> main =
        d.routes().getOrDefault(ChatRequest.DEFAULT_ROUTE, List.of());
    Status status = status(main);
    Health.Builder h = Health.status(status);
    h.withDetail("mode", d.demoMode() ? "demo" : "providers");
    h.withDetail("routes", routes);
    if (status != Status.UP) {
      h.withDetail(
          "problem",
          status == Status.DOWN
              ? "every target of the default route is disabled"
              : "no target of the default route can take a call until a circuit lets a probe"
                  + " through");
    }
    return h.build();
  }

  static Status status(List<RouteDescription.TargetView> route) {
    if (route.isEmpty()) {
      return Status.DOWN;
    }
    boolean allDisabled = route.stream().allMatch(t -> t.state() instanceof TargetState.Disabled);
    if (allDisabled) {
      return Status.DOWN;
    }
    boolean noneUsable = route.stream().noneMatch(t -> t.state().usable());
    return noneUsable ? Status.OUT_OF_SERVICE : Status.UP;
  }

  private Map<String, Object> target(RouteDescription.TargetView t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("target", t.id().toString());
    m.put("protocol", t.protocol());
    m.put("state", t.state().name());
    var change = states.last(t.id(), t.state());
    String reason = reason(t.state());
    if (reason == null && t.state() instanceof TargetState.CoolingDown) {
      // "rate limited for 30000ms", "quota exhausted for ...": the router's words, no provider's
      reason = change.map(TargetStates.Change::reason).orElse(null);
    }
    if (reason != null) {
      m.put("reason", reason);
    }
    change.ifPresent(c -> m.put("since", c.at().toString()));
    return m;
  }

  private String reason(TargetState state) {
    return switch (state) {
      case TargetState.Open o ->
          "circuit open after repeated failures; one probe call after "
              + router.config().circuit().openFor().toSeconds()
              + " s, at "
              + o.probeAfter();
      case TargetState.HalfOpen h -> "circuit half-open: the next call is a probe";
      // The provider's own words stay in the log: this endpoint is public.
      case TargetState.Disabled d ->
          "the provider rejected the key, the model or the permission (401, 403 or 404);"
              + " one call re-checks it at "
              + d.recheckAt()
              + ", or restart with the configuration fixed";
      case TargetState.Closed c -> null;
      case TargetState.CoolingDown c -> null;
    };
  }
}
