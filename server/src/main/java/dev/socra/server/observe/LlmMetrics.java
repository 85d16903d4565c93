package dev.socra.server.observe;

import dev.socra.llm.Attempt;
import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.event.RouterListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The router's attempts and calls as Prometheus metrics ({@code /actuator/prometheus}).
 *
 * <p>Tags are low-cardinality only: targets and routes come from the configuration, outcomes and
 * results from closed sets. Never a user, a session or a stage: those are in the ledger.
 *
 * <ul>
 *   <li>{@code socra_llm_attempts_total{target,provider,outcome}}: every attempt, skipped targets
 *       included ({@code outcome="skipped"})
 *   <li>{@code socra_llm_attempt_latency_seconds{target,outcome}}: histogram of attempts that
 *       reached a provider
 *   <li>{@code socra_llm_time_to_first_token_seconds{target}}: histogram, attempts whose content
 *       started arriving
 *   <li>{@code socra_llm_tokens_total{target,direction}}: input and output tokens billed
 *   <li>{@code socra_llm_cost_usd_total{target}}: US dollars, from the price table
 *   <li>{@code socra_llm_calls_total{route,result}}: whole calls; result {@code ok} or the failure
 *       ({@code all_targets_failed}, {@code deadline_exceeded}, ...)
 * </ul>
 */
@Component
public class LlmMetrics implements RouterListener {
  // Fixed buckets: a few per series instead of Micrometer's ~70, and chosen for LLM calls, whose
  // whole answers take seconds to minutes and whose first token comes in well under ten seconds.
  private static final Duration[] LATENCY_BUCKETS =
      seconds(0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120, 180);
  private static final Duration[] TTFT_BUCKETS = seconds(0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30);

  private final MeterRegistry registry;

  public LlmMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onEvent(RouterEvent event) {
    switch (event) {
      case RouterEvent.AttemptFinished a -> attempt(a.attempt());
      case RouterEvent.CallSucceeded s -> call(s.route(), "ok");
      case RouterEvent.CallFailed f ->
          call(f.route(), f.error().failure().name().toLowerCase(Locale.ROOT));
      case RouterEvent.TargetStateChanged c -> {
        // states are in /actuator/health
      }
    }
  }

  private void attempt(Attempt a) {
    String target = a.target().toString();
    String outcome = a.outcome().kind();
    Counter.builder("socra.llm.attempts")
        .description("LLM attempts by target and outcome; skipped targets included")
        .tag("target", target)
        .tag("provider", a.target().provider())
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    if (a.number() == 0) {
      return; // skipped: nothing was sent, so no latency, tokens or cost
    }
    Timer.builder("socra.llm.attempt.latency")
        .description("Time from sending an attempt to its end")
        .tag("target", target)
        .tag("outcome", outcome)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry)
        .record(a.latency());
    if (a.timeToFirstToken() != null) {
      Timer.builder("socra.llm.time.to.first.token")
          .description("Time from sending an attempt to its first content")
          .tag("target", target)
          .serviceLevelObjectives(TTFT_BUCKETS)
          .register(registry)
          .record(a.timeToFirstToken());
    }
    tokens(target, "input", a.usage().inputTokens());
    tokens(target, "output", a.usage().outputTokens());
    if (a.cost().signum() > 0) {
      Counter.builder("socra.llm.cost.usd")
          .description("US dollars spent, by the price table")
          .tag("target", target)
          .register(registry)
          .increment(a.cost().doubleValue());
    }
  }

  private void tokens(String target, String direction, int n) {
    if (n > 0) {
      Counter.builder("socra.llm.tokens")
          .description("Tokens billed, reported by the provider or estimated")
          .tag("target", target)
          .tag("direction", direction)
          .register(registry)
          .increment(n);
    }
  }

  private void call(String route, String result) {
    Counter.builder("socra.llm.calls")
        .description("LLM calls by route and result")
        .tag("route", route)
        .tag("result", result)
        .register(registry)
        .increment();
  }

  private static Duration[] seconds(double... values) {
    Duration[] d = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      d[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
    }
    return d;
  }
}
