package dev.socra.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.llm.testkit.FakeProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected at random on every target but one: every call, streamed or not, still returns the
 * complete answer. The seed of a failing run is in the assertion message.
 */
class RandomFaultsTest {
  private static final List<String> FAULTS =
      List.of(
          "status=503",
          "status=529",
          "status=500",
          "status=502",
          "status=504",
          "status=408",
          "status=429+retry-after=0",
          "status=429+retry-after=1",
          "status=429",
          "status=429+code=insufficient_quota",
          "status=402",
          "reset",
          "hang",
          "slow-first=2000",
          "stall-after=2",
          "cut-after=2",
          "cut-after=0",
          "malformed-after=1",
          "no-done",
          "inband-error=overloaded_error+inband-after=1",
          "error-in-200=503",
          "not-json",
          "reject-prefill",
          "ok");

  @TempDir Path dir;
  @AutoClose FakeProvider fake = FakeProvider.start(0);

  @RepeatedTest(4)
  void everyCallReturnsTheCompleteAnswer() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    FakeRoutes routes =
        new FakeRoutes(dir)
            .openai("o1", fake, true, 32_000)
            .openai("o2", fake, false, 32_000)
            .anthropic("a1", fake)
            .anthropic("healthy", fake)
            .settings(
                """
                timeouts: { first_token: 400ms, stall: 300ms, response: 600ms, connect: 1s, deadline: 20s }
                retry: { transient_backoff: 5ms, max_attempts: 12, max_rate_limit_wait: 100ms,
                         rate_limit_cooldown: 1ms, silent_cooldown: 1ms, quota_cooldown: 1ms }
                circuit: { minimum_calls: 1000, window: 1000 }
                """);
    List<String> names = new ArrayList<>(List.of("o1", "o2", "a1"));
    java.util.Collections.shuffle(names, random);
    List<String> route = new ArrayList<>();
    for (String name : names) {
      route.add(name + "/" + name + "-faulty");
    }
    // the healthy target comes last, so every call meets the faults first
    route.add("healthy/ok");
    routes.route(route.toArray(String[]::new));
    try (Router router = routes.router()) {
      for (int i = 0; i < 12; i++) {
        for (String name : names) {
          fake.setBehaviour(name + "-faulty", FAULTS.get(random.nextInt(FAULTS.size())));
        }
        String prompt = "question " + i + " of run " + seed;
        boolean stream = random.nextBoolean();
        StringBuilder seen = new StringBuilder();
        ChatRequest request = ChatRequest.of(prompt);
        ChatResponse r = stream ? router.stream(request, seen::append) : router.complete(request);
        String expected = FakeProvider.canonicalAnswer(prompt, 12);
        assertThat(r.text()).as("seed %d, call %d, route %s", seed, i, route).isEqualTo(expected);
        if (stream) {
          assertThat(seen.toString()).as("seed %d, call %d", seed, i).isEqualTo(expected);
        }
      }
    }
    // the faults were really met, not skipped around
    assertThat(fake.attempts()).filteredOn(s -> !s.fault().equals("ok")).hasSizeGreaterThan(12);
  }
}
