package dev.socra.server.cluster;

import dev.socra.llm.Router;
import dev.socra.llm.budget.Dimension;
import dev.socra.llm.budget.TargetBudget;
import dev.socra.llm.route.TargetId;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code cluster}: whether this server shares its state through
 * Redis and whether Redis answers, the servers registered on the database, and each target's budget
 * left now (the shared buckets with Redis, so any server shows what all of them have left). Redis
 * being away does not mark the server down: it still serves everything but new LLM calls, and a
 * load balancer taking every server out at once would make it worse. Gauges {@code
 * socra_cluster_redis_up} and {@code socra_cluster_servers} say the same to Prometheus.
 */
@Component("clusterHealthIndicator")
public class ClusterHealth implements HealthIndicator {
  private final Redis redis;
  private final ServerRegistry registry;
  private final Router router;

  ClusterHealth(Redis redis, ServerRegistry registry, Router router, MeterRegistry meters) {
    this.redis = redis;
    this.registry = registry;
    this.router = router;
    Gauge.builder("socra_cluster_redis_up", () -> redis.up() ? 1 : 0)
        .description("1 while this server reaches the Redis the servers share (0 without Redis)")
        .register(meters);
    Gauge.builder("socra_cluster_servers", this::liveServers)
        .description("servers registered on the database with a live heartbeat")
        .register(meters);
  }

  private double liveServers() {
    try {
      return registry.live().size();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  @Override
  public Health health() {
    Health.Builder h = Health.up();
    h.withDetail("shared", redis.enabled() ? "redis" : "none: this server alone");
    if (redis.enabled()) {
      h.withDetail("redis", redis.up() ? "up" : "out of reach: new LLM calls get 503");
    }
    try {
      // How many, not which: the endpoint is public, and a server's name carries its host.
      h.withDetail("servers", registry.live().size());
    } catch (RuntimeException e) {
      h.withDetail("servers", "unknown: the database did not answer");
    }
    h.withDetail("budgets", budgets());
    return h.build();
  }

  /** Each limited target's room now, by dimension ("tpm": 5200); "unknown" while out of reach. */
  private Map<String, Object> budgets() {
    Set<TargetId> targets = new LinkedHashSet<>();
    router.config().routes().values().forEach(targets::addAll);
    Map<String, Object> out = new LinkedHashMap<>();
    for (TargetId t : targets) {
      TargetBudget b = router.budget(t);
      Map<String, Object> left = new LinkedHashMap<>();
      for (Dimension d : Dimension.values()) {
        try {
          long n = b.available(d);
          if (n >= 0) {
            left.put(d.shortName(), n);
          }
        } catch (RuntimeException e) {
          left.put(d.shortName(), "unknown");
          break;
        }
      }
      if (!left.isEmpty()) {
        out.put(t.toString(), left);
      }
    }
    return out.isEmpty() ? Map.of() : out;
  }
}
