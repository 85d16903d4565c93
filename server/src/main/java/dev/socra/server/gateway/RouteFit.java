package dev.socra.server.gateway;

import dev.socra.llm.Router;
import dev.socra.llm.config.Capabilities;
import dev.socra.llm.config.Feature;
import dev.socra.llm.config.Protocol;
import dev.socra.llm.route.TargetId;
import java.util.List;
import java.util.Locale;

/**
 * Whether a route can honour what a request asks beyond plain chat: a field no target of the route
 * can take is a 400 naming it, never dropped for every target. Where some targets take it and
 * others do not, the router sends it to those that do and leaves it out, or skips the target, for
 * the others, as their capabilities say (docs/gateway.md has the table).
 */
final class RouteFit {
  /** A field of the request and what a target needs to honour it. */
  sealed interface Need {
    String param();

    /** A capability ({@code tools}, {@code vision}, a sampling parameter). */
    record Capability(Feature feature, String param) implements Need {}

    /** A field that only targets of one protocol have (Anthropic's {@code top_k} …). */
    record OfProtocol(Protocol protocol, String param) implements Need {}
  }

  private RouteFit() {}

  static void check(Router router, String route, List<Need> needs) {
    if (needs.isEmpty()) {
      return;
    }
    List<TargetId> targets = router.config().routes().get(route);
    for (Need need : needs) {
      boolean someone = false;
      for (TargetId t : targets) {
        someone |=
            switch (need) {
              case Need.Capability c -> takes(router.capabilities(t), c.feature());
              case Need.OfProtocol p -> router.config().provider(t).protocol() == p.protocol();
            };
      }
      if (!someone) {
        throw GatewayException.badRequest(need.param(), refusal(route, need));
      }
    }
  }

  private static boolean takes(Capabilities caps, Feature feature) {
    return caps.supports(feature);
  }

  private static String refusal(String route, Need need) {
    String what =
        switch (need) {
          case Need.Capability c ->
              switch (c.feature()) {
                case TOOLS -> "takes tools";
                case VISION -> "takes images (vision)";
                default -> "takes '" + c.feature().wireName() + "'";
              };
          case Need.OfProtocol p ->
              "speaks the "
                  + p.protocol().name().toLowerCase(Locale.ROOT)
                  + " protocol, the only one with this field";
        };
    return "'"
        + need.param()
        + "' cannot be honoured on route '"
        + route
        + "': none of its targets "
        + what
        + " (GET /v1/models lists the routes; the server's admin declares what each target takes)";
  }
}
