package dev.socra.server.web;

import dev.socra.core.interview.TurnEvaluation;
import dev.socra.core.structured.Schemas;
import dev.socra.llm.Router;
import dev.socra.llm.check.CheckText;
import dev.socra.llm.check.TargetCheck;
import dev.socra.llm.check.TargetReport;
import dev.socra.llm.route.RouteDescription;
import dev.socra.server.account.SocraUser;
import dev.socra.server.observe.RouterHealth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * For the server's admin: the routes in the order the router tries them, and each target's health
 * with the reason for it. The same description as the start-up log and {@code socra routes}, plus
 * what only an admin should see (base URLs, key fingerprints).
 */
@Controller
class AdminPages {
  private final Router router;
  private final RouterHealth health;
  private final PageAdvice pages;

  AdminPages(Router router, RouterHealth health, PageAdvice pages) {
    this.router = router;
    this.health = health;
    this.pages = pages;
  }

  /** One target of a route, in the router's order. */
  record TargetRow(
      int position,
      String target,
      String protocol,
      String baseUrl,
      String key,
      int contextWindow,
      boolean prefill,
      String limits,
      String state,
      String reason,
      String since) {

    /**
     * The state in words a person reads, not the circuit breaker's: a "closed" circuit is a healthy
     * provider.
     */
    public String stateLabel() {
      return switch (state) {
        case "closed" -> "Healthy";
        case "half-open" -> "Recovering: the next call tests it";
        case "open" -> "Failing: skipped until a test call";
        case "cooling-down" -> "Paused: the provider asked to wait";
        case "disabled" -> "Paused: key or model refused";
        default -> state;
      };
    }

    /** Green for healthy, amber while it recovers or waits, red while it fails or is refused. */
    public String stateTone() {
      return switch (state) {
        case "closed" -> "good";
        case "half-open", "cooling-down" -> "warn";
        default -> "bad";
      };
    }
  }

  @GetMapping("/admin")
  ModelAndView page(@AuthenticationPrincipal SocraUser user) {
    return page(user, null);
  }

  /**
   * {@code socra check} from the page: one tiny call per target each way Socra calls it (a few
   * hundred tokens each, as the button says); what a target refuses is learned for this process.
   */
  @PostMapping("/admin/check")
  ModelAndView check(@AuthenticationPrincipal SocraUser user) {
    if (!user.admin()) {
      return page(user, null);
    }
    TargetCheck check =
        new TargetCheck(
            router, Schemas.nameOf(TurnEvaluation.class), Schemas.of(TurnEvaluation.class));
    List<TargetReport> reports = check.targets().stream().map(check::check).toList();
    return page(
        user,
        reports.isEmpty()
            ? "Nothing to check: no provider has a key, so only the demo stub answers."
            : CheckText.render(reports));
  }

  private ModelAndView page(SocraUser user, String checked) {
    if (!user.admin()) {
      return pages.problem(
          HttpStatus.FORBIDDEN,
          "For the admin only",
          "This page shows the server's providers and keys; only its admin (the first user) can"
              + " open it.");
    }
    RouteDescription d = router.describe();
    Health h = health.health();
    Map<String, List<TargetRow>> routes = new LinkedHashMap<>();
    Map<?, ?> healthRoutes = h.getDetails().get("routes") instanceof Map<?, ?> m ? m : Map.of();
    for (var route : d.routes().entrySet()) {
      List<?> states = healthRoutes.get(route.getKey()) instanceof List<?> l ? l : List.of();
      List<TargetRow> rows = new ArrayList<>();
      int i = 0;
      for (RouteDescription.TargetView t : route.getValue()) {
        Map<?, ?> st = i < states.size() && states.get(i) instanceof Map<?, ?> m ? m : Map.of();
        rows.add(
            new TargetRow(
                i + 1,
                t.id().toString(),
                t.protocol(),
                t.protocol().equals("stub") ? "" : t.baseUrl(),
                t.key(),
                t.contextWindow(),
                t.prefill(),
                t.limits(),
                String.valueOf(st.get("state") == null ? t.state().name() : st.get("state")),
                st.get("reason") == null ? "" : st.get("reason").toString(),
                st.get("since") == null ? "" : st.get("since").toString()));
        i++;
      }
      routes.put(route.getKey(), rows);
    }
    ModelAndView mv = new ModelAndView("admin");
    mv.addObject("routes", routes);
    mv.addObject("status", h.getStatus().getCode());
    mv.addObject("problem", h.getDetails().get("problem"));
    mv.addObject("description", d.render());
    mv.addObject("withoutKey", d.providersWithoutKey());
    mv.addObject("checked", checked);
    return mv;
  }
}
