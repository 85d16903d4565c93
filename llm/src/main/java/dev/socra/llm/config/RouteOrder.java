package dev.socra.llm.config;

import dev.socra.llm.pricing.Price;
import dev.socra.llm.pricing.PriceTable;
import dev.socra.llm.route.TargetId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a route's targets are ordered. Either way the order is fixed at load, so the route
 * description shows the real order.
 */
public enum RouteOrder {
  /** As written: reliability first, then cost, the way the seed's production route was. */
  PRIORITY("priority"),
  /**
   * By the price of a typical Socra call; unpriced targets go last, in their written order.
   * Capacity does not depend on it: a burst spills over to whichever target has room.
   */
  CHEAPEST_FIRST("cheapest-first");

  /** Input tokens per output token in a Socra session (the seed's 56,200 in to 10,100 out). */
  static final BigDecimal INPUT_PER_OUTPUT = new BigDecimal("5.5");

  private final String text;

  RouteOrder(String text) {
    this.text = text;
  }

  /** As the config file writes it: {@code priority} or {@code cheapest-first}. */
  public String text() {
    return text;
  }

  List<TargetId> apply(List<TargetId> route, PriceTable prices) {
    if (this == PRIORITY) {
      return route;
    }
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
