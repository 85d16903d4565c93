package dev.socra.llm.config;

import dev.socra.llm.pricing.Price;
import dev.socra.llm.pricing.PriceTable;
import dev.socra.llm.route.TargetId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A route's order is its priority unless it asks for {@code cheapest-first}: then targets are
 * sorted once, at load, by the price of a typical Socra call, so the route description still shows
 * the real order. Unpriced targets go last, in their written order.
 */
final class RouteOrder {
  /** Input tokens per output token in a Socra session (the seed's 56,200 in to 10,100 out). */
  static final BigDecimal INPUT_PER_OUTPUT = new BigDecimal("5.5");

  private RouteOrder() {}

  static List<TargetId> cheapestFirst(List<TargetId> route, PriceTable prices) {
    List<TargetId> sorted = new ArrayList<>(route);
    sorted.sort(
        Comparator.comparing(
            (TargetId t) -> blended(prices.find(t)),
            Comparator.nullsLast(Comparator.naturalOrder())));
    return sorted;
  }

  private static BigDecimal blended(Price p) {
    return p == null
        ? null
        : p.inputPerMillion().multiply(INPUT_PER_OUTPUT).add(p.outputPerMillion());
  }
}
