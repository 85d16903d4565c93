package dev.socra.llm.plan;

import dev.socra.llm.budget.Limits;
import dev.socra.llm.config.Protocol;
import dev.socra.llm.config.ProviderConfig;
import dev.socra.llm.config.RouterConfig;
import dev.socra.llm.pricing.Price;
import dev.socra.llm.route.TargetId;

/**
 * A route's target as the planner needs it: what the router's budget for it is built from, its
 * price and its assumed speed.
 *
 * @param price null when the price table has none: shown as unpriced, never as free
 * @param stub the built-in demo stub, which has no limits
 */
public record PlanTarget(
    TargetId id,
    Limits limits,
    double tokenRatio,
    boolean refundsUnused,
    int contextWindow,
    Price price,
    Speed speed,
    boolean stub) {

  /** The target exactly as the router would budget it under this configuration. */
  public static PlanTarget of(RouterConfig config, TargetId id) {
    ProviderConfig p = config.provider(id);
    boolean stub = p.protocol() == Protocol.STUB;
    return new PlanTarget(
        id,
        p.limits(),
        p.tokenRatio(),
        p.rateLimitHeaders().refundsUnusedTokens(),
        p.contextWindow(),
        config.prices().find(id),
        stub ? Speed.stub(config.stub().tokenDelay()) : Speed.assumed(p.name()),
        stub);
  }

  /** A target with limits and a speed only: for tests and what-if plans. */
  public static PlanTarget of(String id, Limits limits, Speed speed) {
    return new PlanTarget(
        TargetId.parse(id, provider -> null), limits, 1.0, false, 1_000_000, null, speed, false);
  }

  public PlanTarget withPrice(Price value) {
    return new PlanTarget(id, limits, tokenRatio, refundsUnused, contextWindow, value, speed, stub);
  }
}
