package dev.socra.llm.internal;

import dev.socra.llm.budget.TargetBudget;
import dev.socra.llm.config.Capabilities;
import dev.socra.llm.config.Protocol;
import dev.socra.llm.config.ProviderConfig;
import dev.socra.llm.config.RouterConfig;
import dev.socra.llm.config.Secrets;
import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.provider.ProviderAdapter;
import dev.socra.llm.route.FailoverPolicy;
import dev.socra.llm.route.LearnedCapabilities;
import dev.socra.llm.route.TargetHealth;
import dev.socra.llm.route.TargetId;
import dev.socra.llm.spend.SpendGate;
import dev.socra.llm.time.Sleeper;
import dev.socra.llm.tokens.TokenEstimator;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the router shares with every call: its configuration, the protocol adapters, each target's
 * health, budget and learned capabilities, the failover policy, the token estimator, its one source
 * of time, the spending limit the caller keeps, and where events go.
 */
public record RouterContext(
    RouterConfig config,
    Map<Protocol, ProviderAdapter> adapters,
    Map<TargetId, TargetHealth> health,
    Map<TargetId, TargetBudget> budgets,
    Map<TargetId, LearnedCapabilities> learned,
    FailoverPolicy policy,
    TokenEstimator tokens,
    Secrets secrets,
    Clock clock,
    Sleeper sleeper,
    SpendGate spend,
    Consumer<RouterEvent> events) {

  ProviderConfig provider(TargetId target) {
    return config.provider(target);
  }

  ProviderAdapter adapter(ProviderConfig provider) {
    return adapters.get(provider.protocol());
  }

  TargetHealth healthOf(TargetId target) {
    return health.get(target);
  }

  TargetBudget budgetOf(TargetId target) {
    return budgets.get(target);
  }

  LearnedCapabilities learnedOf(TargetId target) {
    return learned.get(target);
  }

  /** What the target's model takes now: declared for it, less what it refused. */
  Capabilities capabilities(TargetId target) {
    return learned.get(target).applyTo(provider(target).capabilitiesOf(target.model()));
  }
}
