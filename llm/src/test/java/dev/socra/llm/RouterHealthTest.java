package dev.socra.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.route.TargetState;
import dev.socra.llm.testkit.FakeProvider;
import dev.socra.llm.testkit.VirtualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-target circuit: a failing target is skipped at no cost, probed once its open time has
 * passed on the router's clock, then used again.
 */
class RouterHealthTest {
  @TempDir Path dir;
  final VirtualTime time = VirtualTime.automatic();
  @AutoClose FakeProvider fake = FakeProvider.builder().time(time).start();

  @Test
  void aTargetThatKeepsFailingIsSkippedThenProbedThenUsedAgain() {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .openai("a", fake)
            .openai("b", fake)
            .route("a/flaky", "b/ok")
            .settings(
                """
                circuit: { minimum_calls: 2, window: 2, failure_rate_percent: 50, open_for: 30s }
                retry: { transient_backoff: 5ms }
                """);
    fake.setBehaviour("flaky", "status=503");
    List<RouterEvent.TargetStateChanged> changes = new CopyOnWriteArrayList<>();
    try (Router router =
        FakeRoutes.onTime(
                Router.builder(routes.config())
                    .listener(
                        e -> {
                          if (e instanceof RouterEvent.TargetStateChanged c) {
                            changes.add(c);
                          }
                        }),
                time)
            .build()) {
      router.complete(ChatRequest.of("one"));
      router.complete(ChatRequest.of("two"));
      int seenByFake = fake.attempts().size();

      ChatResponse skipped = router.complete(ChatRequest.of("three"));
      assertThat(skipped.attempts().getFirst().outcome().detail()).contains("circuit open");
      assertThat(skipped.servedBy().provider()).isEqualTo("b");
      assertThat(fake.attempts()).hasSize(seenByFake + 1); // only b was called
      TargetState open = router.describe().routes().get("default").getFirst().state();
      assertThat(open)
          .isEqualTo(new TargetState.Open(time.now().plus(Duration.ofSeconds(30))))
          .matches(s -> !s.usable());
      assertThat(router.describe().render()).contains("open (one probe call after ");

      fake.setBehaviour("flaky", "ok");
      time.advance(Duration.ofSeconds(29));
      assertThat(router.complete(ChatRequest.of("still open")).servedBy().provider())
          .isEqualTo("b");
      time.advance(Duration.ofSeconds(2));
      ChatResponse probe = router.complete(ChatRequest.of("four"));
      assertThat(probe.servedBy().provider()).isEqualTo("a");
      assertThat(changes)
          .extracting(c -> c.state().name())
          .containsSubsequence("open", "half-open", "closed");
      assertThat(router.describe().routes().get("default").getFirst().state())
          .isEqualTo(new TargetState.Closed());
    }
  }
}
