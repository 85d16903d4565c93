package dev.socra.llm.config;

import dev.socra.llm.pricing.Price;
import dev.socra.llm.pricing.PriceTable;
import dev.socra.llm.route.TargetId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the router needs, validated once at load. Immutable: a change of configuration is a
 * new router. {@link ConfigLoader} builds one from the environment and the config file; a program
 * using the router as a library builds one with {@link #builder()}.
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
    providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
    routes = Collections.unmodifiableMap(new LinkedHashMap<>(routes));
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

  /**
   * Starts with no provider but the built-in stub, the default prices, timeouts, retry and circuit
   * settings, and no route: without a {@code default} route, {@link Builder#build()} makes one of
   * every provider with a key (or needing none) in the order they were added, or the stub alone.
   */
  public static Builder builder() {
    return new Builder();
  }

  public ProviderConfig provider(TargetId target) {
    return providers.get(target.provider());
  }

  /** Demo-mode settings of the built-in stub. */
  public record StubSettings(Duration tokenDelay) {
    public static final StubSettings DEFAULTS = new StubSettings(Duration.ofMillis(25));
  }

  /**
   * Collects providers, routes and settings; {@link #build()} checks them all and names the first
   * bad setting the way the config file spells it ({@code routes.cheap}, {@code
   * prices.groq/llama-3.3-70b-versatile}, {@code stub.token_delay}).
   */
  public static final class Builder {
    private static final String AUTOMATIC =
        "providers with a key (or needing none), in the order they were added";

    private final Map<String, ProviderConfig> providers = new LinkedHashMap<>();
    private final Map<String, RouteSpec> routes = new LinkedHashMap<>();
    private final Map<String, Price> prices = new LinkedHashMap<>();
    private Timeouts timeouts = Timeouts.DEFAULTS;
    private RetryPolicy retry = RetryPolicy.DEFAULTS;
    private CircuitSettings circuit = CircuitSettings.DEFAULTS;
    private StubSettings stub = StubSettings.DEFAULTS;
    private String automaticSource = AUTOMATIC;

    /** A route as given: its targets are resolved at build, against the final providers. */
    private record RouteSpec(RouteOrder order, List<String> targets, String where) {}

    private Builder() {}

    /** Adds a provider, or replaces the one of that name where it stands. */
    public Builder provider(ProviderConfig provider) {
      Objects.requireNonNull(provider, "provider");
      if (BuiltinProviders.STUB.equals(provider.name())) {
        throw new ConfigException("providers.stub: 'stub' is built in and cannot be redefined");
      }
      providers.put(provider.name(), provider);
      return this;
    }

    public Builder provider(ProviderConfig.Builder provider) {
      return provider(provider.build());
    }

    /**
     * A route in priority order. Each target is {@code provider/model}, or a bare provider name for
     * its default model.
     */
    public Builder route(String name, String... targets) {
      return route(name, RouteOrder.PRIORITY, List.of(targets));
    }

    public Builder route(String name, List<String> targets) {
      return route(name, RouteOrder.PRIORITY, targets);
    }

    public Builder route(String name, RouteOrder order, List<String> targets) {
      return route(name, order, targets, "routes." + name);
    }

    /** As {@link #route(String, RouteOrder, List)}, with {@code where} naming it in messages. */
    Builder route(String name, RouteOrder order, List<String> targets, String where) {
      routes.put(
          name,
          new RouteSpec(
              Objects.requireNonNull(order, "order"),
              Collections.unmodifiableList(new ArrayList<>(targets)),
              where));
      return this;
    }

    /** The route description's words for a default route made of the keyed providers. */
    Builder automaticRouteSource(String text) {
      automaticSource = text;
      return this;
    }

    /**
     * A list price, for {@code provider/model} or a bare model name; overrides the default table.
     */
    public Builder price(String target, Price price) {
      prices.put(Objects.requireNonNull(target, "target"), Objects.requireNonNull(price, "price"));
      return this;
    }

    public Builder timeouts(Timeouts value) {
      timeouts = Objects.requireNonNull(value, "timeouts");
      return this;
    }

    public Builder retry(RetryPolicy value) {
      retry = Objects.requireNonNull(value, "retry");
      return this;
    }

    public Builder circuit(CircuitSettings value) {
      circuit = Objects.requireNonNull(value, "circuit");
      return this;
    }

    public Builder stub(StubSettings value) {
      stub = Objects.requireNonNull(value, "stub");
      return this;
    }

    /** Demo mode's streaming pace: the wait before each token ({@link Duration#ZERO} for none). */
    public Builder stubTokenDelay(Duration value) {
      return stub(new StubSettings(value));
    }

    public RouterConfig build() {
      Settings.notNegative(stub.tokenDelay(), "stub.token_delay");
      for (var price : prices.entrySet()) {
        Price p = price.getValue();
        String where = "prices." + price.getKey();
        if (price.getKey().isBlank()) {
          throw new ConfigException("prices: a price is for a model or provider/model, not ''");
        }
        if (p.inputPerMillion() == null || p.outputPerMillion() == null) {
          throw new ConfigException(
              where + ": input and output (US dollars per million tokens) are required");
        }
        if (p.inputPerMillion().signum() < 0 || p.outputPerMillion().signum() < 0) {
          throw new ConfigException(where + ": prices cannot be negative");
        }
      }
      PriceTable table = PriceTable.defaults().with(prices);

      Map<String, ProviderConfig> all = new LinkedHashMap<>(providers);
      ProviderConfig builtinStub = BuiltinProviders.stub();
      all.put(builtinStub.name(), builtinStub);

      Map<String, List<TargetId>> resolved = new LinkedHashMap<>();
      String source;
      for (var route : routes.entrySet()) {
        Settings.name(route.getKey(), "route", "routes");
        RouteSpec spec = route.getValue();
        resolved.put(route.getKey(), spec.order().apply(targets(spec, all), table));
      }
      if (routes.containsKey("default")) {
        source = routes.get("default").where();
      } else {
        List<TargetId> usable = new ArrayList<>();
        for (ProviderConfig p : providers.values()) {
          if (p.usable()) {
            usable.add(new TargetId(p.name(), p.model()));
          }
        }
        if (usable.isEmpty()) {
          usable.add(new TargetId(builtinStub.name(), builtinStub.model()));
          source = "no provider key is set: demo mode";
        } else {
          source = automaticSource;
        }
        resolved.put("default", usable);
      }
      return new RouterConfig(all, resolved, source, timeouts, retry, circuit, table, stub);
    }

    private static List<TargetId> targets(RouteSpec spec, Map<String, ProviderConfig> providers) {
      String where = spec.where();
      List<TargetId> route = new ArrayList<>();
      for (String item : spec.targets()) {
        if (item == null || item.isBlank()) {
          continue;
        }
        TargetId target;
        try {
          target =
              TargetId.parse(
                  item, name -> providers.containsKey(name) ? providers.get(name).model() : null);
        } catch (IllegalArgumentException e) {
          throw new ConfigException(
              where + ": " + e.getMessage() + " (known providers: " + known(providers) + ")");
        }
        ProviderConfig p = providers.get(target.provider());
        if (p == null) {
          throw new ConfigException(
              where
                  + ": unknown provider '"
                  + target.provider()
                  + "' (known providers: "
                  + known(providers)
                  + ")");
        }
        if (!p.usable()) {
          throw new ConfigException(
              where + " names " + target + ", but " + p.keyVariable() + " is not set");
        }
        if (route.contains(target)) {
          throw new ConfigException(where + " names " + target + " twice");
        }
        route.add(target);
      }
      if (route.isEmpty()) {
        throw new ConfigException(where + " names no target");
      }
      return route;
    }

    private static String known(Map<String, ProviderConfig> providers) {
      return String.join(", ", providers.keySet());
    }
  }
}
