package dev.socra.server.observe;

import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.event.RouterListener;
import dev.socra.llm.route.TargetId;
import dev.socra.llm.route.TargetState;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The last time each target entered each state, and why, as the router announced it. The router's
 * description gives the live state; this adds the reason and the moment, which only the {@link
 * RouterEvent.TargetStateChanged} events carry. A separate bean from the health indicator because
 * the router needs its listeners before it exists, and the indicator needs the router.
 */
@Component
public class TargetStates implements RouterListener {

  /** A state a target entered: {@code state} as the router names it (open, disabled, ...). */
  public record Change(String state, String reason, Instant at) {}

  private final Map<TargetId, Map<String, Change>> changes = new ConcurrentHashMap<>();
  private final Clock clock;

  public TargetStates() {
    this(Clock.systemUTC());
  }

  TargetStates(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void onEvent(RouterEvent event) {
    if (event instanceof RouterEvent.TargetStateChanged c) {
      changes
          .computeIfAbsent(c.target(), t -> new ConcurrentHashMap<>())
          .put(c.state().name(), new Change(c.state().name(), c.reason(), clock.instant()));
    }
  }

  /** When and why {@code target} last entered a state like {@code state}, if it ever did. */
  public Optional<Change> last(TargetId target, TargetState state) {
    return Optional.ofNullable(changes.getOrDefault(target, Map.of()).get(state.name()));
  }
}
