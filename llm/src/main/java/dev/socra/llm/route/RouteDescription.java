package dev.socra.llm.route;

import java.util.List;
import java.util.Map;

/**
 * The effective routes, as the router will try them. The start-up log, {@code socra routes} and the
 * health endpoint all print {@link #render()}; nothing else describes the order.
 */
public record RouteDescription(
    Map<String, List<TargetView>> routes, String defaultSource, List<String> providersWithoutKey) {

  /**
   * One target as described.
   *
   * @param capabilities what its model takes now ({@code Capabilities.describe()}), learned
   *     refusals included; "" when not said
   * @param host its extra headers and query parameters, secrets by fingerprint; "" when none
   */
  public record TargetView(
      TargetId id,
      String protocol,
      String baseUrl,
      String key,
      int contextWindow,
      boolean prefill,
      String limits,
      TargetState state,
      String capabilities,
      String host) {

    public TargetView(
        TargetId id,
        String protocol,
        String baseUrl,
        String key,
        int contextWindow,
        boolean prefill,
        String limits,
        TargetState state) {
      this(id, protocol, baseUrl, key, contextWindow, prefill, limits, state, "", "");
    }
  }

  public List<TargetId> order(String route) {
    return routes.getOrDefault(route, List.of()).stream().map(TargetView::id).toList();
  }

  public boolean demoMode() {
    List<TargetView> d = routes.get("default");
    return d != null && d.stream().allMatch(t -> t.protocol().equals("stub"));
  }

  public String render() {
    StringBuilder s = new StringBuilder();
    for (var route : routes.entrySet()) {
      s.append("route ").append(route.getKey());
      if (route.getKey().equals("default")) {
        s.append(" (from ").append(defaultSource).append(')');
      }
      s.append(":\n");
      int i = 1;
      for (TargetView t : route.getValue()) {
        s.append("  ").append(i++).append(". ").append(t.id());
        s.append("  [").append(t.protocol());
        if (!t.protocol().equals("stub")) {
          s.append(" ").append(t.baseUrl());
        }
        s.append(", key ").append(t.key());
        if (!t.host().isEmpty()) {
          s.append(", ").append(t.host());
        }
        s.append(", context ").append(t.contextWindow());
        if (t.prefill()) {
          s.append(", can continue a stream");
        }
        if (!t.capabilities().isEmpty() && !t.protocol().equals("stub")) {
          s.append(", takes ").append(t.capabilities());
        }
        s.append(", ").append(t.limits());
        s.append(", ").append(t.state().describe()).append("]\n");
      }
    }
    if (demoMode()) {
      s.append("demo mode: no provider key is set, so the built-in stub answers every call.\n");
    } else {
      s.append("stub: off (it never stands in for a configured provider)\n");
    }
    if (!providersWithoutKey.isEmpty()) {
      s.append("not routed (no key): ").append(String.join(", ", providersWithoutKey)).append('\n');
    }
    return s.toString();
  }
}
