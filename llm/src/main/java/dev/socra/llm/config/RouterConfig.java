package dev.socra.llm.config;

import dev.socra.llm.pricing.PriceTable;
import dev.socra.llm.route.TargetId;
import java.util.List;
import java.util.Map;

/**
 * Everything the router needs, validated once at load. Immutable: a change of configuration is a
 * new router.
 *
 * @param providers every known provider by name, usable or not, in default-route order
 * @param routes named routes, each an ordered list of targets; always has {@code default}
 * @param routeSource where the default route came from, for the route description
 */
public record RouterConfig(
    Map<String, ProviderConfig> providers,
    Map<String, List<TargetId>> routes,
    String routeSource,
    Timeouts timeouts,
    RetryPolicy retry,
    CircuitSettings circuit,
    PriceTable prices,
    StubSettings stub) {

  public RouterConfig {
    providers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(providers));
    routes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(routes));
    if (!routes.containsKey("default")) {
      throw new ConfigException("no default route");
    }
    for (var route : routes.entrySet()) {
      if (route.getValue().isEmpty()) {
        throw new ConfigException("route '" + route.getKey() + "' has no targets");
      }
      for (TargetId t : route.getValue()) {
        ProviderConfig p = providers.get(t.provider());
        if (p == null) {
          throw new ConfigException(
              "route '"
                  + route.getKey()
                  + "' names unknown provider '"
                  + t.provider()
                  + "' (known: "
                  + String.join(", ", providers.keySet())
                  + ")");
        }
      }
    }
  }

  public ProviderConfig provider(TargetId target) {
    return providers.get(target.provider());
  }

  /** Demo-mode settings of the built-in stub. */
  public record StubSettings(java.time.Duration tokenDelay) {
    public static final StubSettings DEFAULTS = new StubSettings(java.time.Duration.ofMillis(25));
  }
}
