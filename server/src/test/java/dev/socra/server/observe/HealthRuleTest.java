package dev.socra.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.llm.route.RouteDescription.TargetView;
import dev.socra.llm.route.TargetId;
import dev.socra.llm.route.TargetState;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/** When the default route's states make the server unusable, and how states are named. */
class HealthRuleTest {
  static final Instant LATER = Instant.parse("2026-11-25T15:00:00Z");
  static final TargetState CLOSED = new TargetState.Closed();
  static final TargetState OPEN = new TargetState.Open(LATER);
  static final TargetState HALF_OPEN = new TargetState.HalfOpen();
  static final TargetState COOLING = new TargetState.CoolingDown(LATER, "rate limited");
  static final TargetState DISABLED = new TargetState.Disabled("HTTP 401", LATER);

  static List<TargetView> route(TargetState... states) {
    int[] n = {0};
    return Arrays.stream(states)
        .map(
            s ->
                new TargetView(
                    new TargetId("p" + n[0]++, "m"), "openai", "", "", 1000, false, "", s))
        .toList();
  }

  @Test
  void oneUsableTargetKeepsTheServerUp() {
    assertThat(RouterHealth.status(route(OPEN, CLOSED))).isEqualTo(Status.UP);
    assertThat(RouterHealth.status(route(DISABLED, HALF_OPEN))).isEqualTo(Status.UP);
    // a cool-down is waited out within a call's deadline
    assertThat(RouterHealth.status(route(DISABLED, COOLING))).isEqualTo(Status.UP);
  }

  @Test
  void noUsableTargetIsOutOfServiceUntilACircuitProbes() {
    assertThat(RouterHealth.status(route(OPEN, DISABLED))).isEqualTo(Status.OUT_OF_SERVICE);
    assertThat(RouterHealth.status(route(OPEN))).isEqualTo(Status.OUT_OF_SERVICE);
  }

  @Test
  void everyTargetDisabledIsDown() {
    assertThat(RouterHealth.status(route(DISABLED, DISABLED))).isEqualTo(Status.DOWN);
    assertThat(RouterHealth.status(List.of())).isEqualTo(Status.DOWN);
  }

  @Test
  void statesAreNamedInLowerCaseWithHyphens() {
    assertThat(List.of(CLOSED, OPEN, HALF_OPEN, DISABLED, COOLING).stream().map(TargetState::name))
        .containsExactly("closed", "open", "half-open", "disabled", "cooling-down");
  }
}
