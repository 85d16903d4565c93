package dev.socra.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.testkit.FakeProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-target circuit: a failing target is skipped at no cost, probed later, then used again.
 */
class RouterHealthTest {
  @TempDir Path dir;
  @AutoClose FakeProvider fake = FakeProvider.start(0);

  @Test
  void aTargetThatKeepsFailingIsSkippedThenProbedThenUsedAgain() throws Exception {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .openai("a", fake)
            .openai("b", fake)
            .route("a/flaky", "b/ok")
            .settings(
                """
                circuit: { minimum_calls: 2, window: 2, failure_rate_percent: 50, open_for: 400ms }
                retry: { transient_backoff: 5ms }
                """);
    fake.setBehaviour("flaky", "status=503");
    List<RouterEvent.TargetStateChanged> changes = new CopyOnWriteArrayList<>();
    try (Router router =
        Router.builder(routes.config())
            .listener(
                e -> {
                  if (e instanceof RouterEvent.TargetStateChanged c) {
                    changes.add(c);
                  }
                })
            .build()) {
      router.complete(ChatRequest.of("one"));
      router.complete(ChatRequest.of("two"));
      int seenByFake = fake.attempts().size();

      ChatResponse skipped = router.complete(ChatRequest.of("three"));
      assertThat(skipped.attempts().getFirst().outcome().detail()).contains("circuit open");
      assertThat(skipped.servedBy().provider()).isEqualTo("b");
      assertThat(fake.attempts()).hasSize(seenByFake + 1); // only b was called
      assertThat(router.describe().routes().get("default").getFirst().state()).isEqualTo("OPEN");

      fake.setBehaviour("flaky", "ok");
      Thread.sleep(450);
      ChatResponse probe = router.complete(ChatRequest.of("four"));
      assertThat(probe.servedBy().provider()).isEqualTo("a");
      assertThat(changes)
          .extracting(RouterEvent.TargetStateChanged::state)
          .contains("OPEN", "HALF_OPEN", "CLOSED");
    }
  }
}
