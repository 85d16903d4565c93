package dev.socra.server.observe;

import dev.socra.llm.Router;
import dev.socra.llm.route.RouteDescription;
import dev.socra.llm.route.TargetId;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * {@code socra_llm_target_usable{target}}: 1 while a target can take calls (closed, half-open or
 * cooling down), 0 while its circuit is open or it is disabled; the same rule as the health
 * endpoint, for alerts. Read from the router's description at each scrape.
 */
@Component
public class TargetGauges implements MeterBinder {
  private final Router router;

  public TargetGauges(Router router) {
    this.router = router;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Set<TargetId> targets = new LinkedHashSet<>();
    router.describe().routes().values().forEach(r -> r.forEach(t -> targets.add(t.id())));
    for (TargetId t : targets) {
      Gauge.builder("socra.llm.target.usable", () -> usable(t))
          .description(
              "1 while the target can take calls, 0 while its circuit is open or it is"
                  + " disabled")
          .tag("target", t.toString())
          .register(registry);
    }
  }

  private double usable(TargetId target) {
    for (List<RouteDescription.TargetView> route : router.describe().routes().values()) {
      for (RouteDescription.TargetView v : route) {
        if (v.id().equals(target)) {
          return v.state().usable() ? 1 : 0;
        }
      }
    }
    return 0;
  }
}
