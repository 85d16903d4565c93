package dev.socra.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.testkit.FakeProvider;
import dev.socra.llm.testkit.RateLimits;
import dev.socra.llm.testkit.SeenRequest;
import dev.socra.llm.testkit.VirtualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's production failure, replayed against fakes that enforce real limits: parallel calls
 * are admitted where they fit, spill over, or wait their turn, and no 429 is ever provoked. The
 * router and the fakes share one virtual time, so a bucket's refill takes no real time.
 */
class RouterCapacityTest {
  @TempDir Path dir;
  final VirtualTime time = VirtualTime.automatic();
  @AutoClose FakeProvider groqLike = FakeProvider.builder().time(time).start();
  @AutoClose FakeProvider roomy = FakeProvider.builder().time(time).start();

  private Router router(String yaml) {
    return FakeRoutes.onTime(Router.builder(YamlConfig.load(dir, yaml, "G_KEY", "M_KEY")), time)
        .build();
  }

  private static String words(int n, int seed) {
    StringBuilder s = new StringBuilder("call " + seed + ":");
    for (int i = 0; i < n; i++) {
      s.append(" market");
    }
    return s.toString();
  }

  /** Runs the calls at once on virtual threads; returns their responses in order. */
  private static List<ChatResponse> together(Router router, List<ChatRequest> requests)
      throws Exception {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<ChatResponse>> futures = new ArrayList<>();
      for (ChatRequest r : requests) {
        futures.add(pool.submit(() -> router.complete(r)));
      }
      List<ChatResponse> out = new ArrayList<>();
      for (Future<ChatResponse> f : futures) {
        out.add(f.get());
      }
      return out;
    }
  }

  private static long tooMany(FakeProvider fake) {
    return fake.attempts().stream()
        .mapToInt(SeenRequest::status)
        .filter(s -> s == 429 || s == 413)
        .count();
  }

  @Test
  void fiveParallelSpecialistsFillGroqThenSpillOverWithoutA429() throws Exception {
    groqLike.setLimits(new RateLimits(6_000, 30, 14_400));
    String yaml =
        """
        providers:
          g: { base_url: "%s", key_env: G_KEY, model: llama-3.1-8b-instant, rate_limit_headers: groq,
               limits: { tpm: 6000, rpm: 30 } }
          m: { base_url: "%s", key_env: M_KEY, model: gemini-2.5-flash-lite }
        routes: { default: [g, m] }
        """
            .formatted(groqLike.groqBaseUrl(), roomy.openAiBaseUrl());
    try (Router router = router(yaml)) {
      List<ChatRequest> specialists = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        specialists.add(ChatRequest.of(words(1_400, i)).withMaxTokens(400));
      }
      List<ChatResponse> answers = together(router, specialists);
      for (int i = 0; i < 5; i++) {
        assertThat(answers.get(i).text())
            .isEqualTo(FakeProvider.canonicalAnswer(words(1_400, i), 12));
      }
      assertThat(answers)
          .extracting(r -> r.servedBy().provider())
          .filteredOn("g"::equals)
          .hasSize(3);
      assertThat(answers)
          .extracting(r -> r.servedBy().provider())
          .filteredOn("m"::equals)
          .hasSize(2);
      assertThat(tooMany(groqLike)).isZero();
      assertThat(groqLike.attempts()).hasSize(3);
      assertThat(time.elapsed()).as("nobody waited: what did not fit went elsewhere").isZero();
    }
  }

  @Test
  void whenNothingFitsCallsWaitTheirTurnInsteadOfBeingRefused() throws Exception {
    // stepped time: every call runs until answered or asleep before the clock moves on
    VirtualTime stepped = VirtualTime.manual();
    try (FakeProvider limited =
        FakeProvider.builder().time(stepped).limits(new RateLimits(6_000, 0)).start()) {
      String yaml =
          """
          providers:
            g: { base_url: "%s", key_env: G_KEY, model: llama-3.1-8b-instant, limits: { tpm: 6000 } }
          routes: { default: [g] }
          timeouts: { deadline: 30s }
          """
              .formatted(limited.openAiBaseUrl());
      try (Router router =
          FakeRoutes.onTime(Router.builder(YamlConfig.load(dir, yaml, "G_KEY")), stepped).build()) {
        List<Callable<ChatResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
          ChatRequest request = ChatRequest.of(words(100, i)).withMaxTokens(100);
          calls.add(() -> router.complete(request));
        }
        List<ChatResponse> answers = stepped.runTogether(calls, Duration.ofSeconds(60));
        for (int i = 0; i < 30; i++) {
          assertThat(answers.get(i).text())
              .isEqualTo(FakeProvider.canonicalAnswer(words(100, i), 12));
        }
        assertThat(tooMany(limited)).isZero();
        assertThat(limited.attempts()).hasSize(30);
        // more than a minute's budget at once: some calls waited for the bucket to refill
        assertThat(stepped.elapsed()).isGreaterThan(Duration.ofSeconds(1));
        List<ChatResponse> waited =
            answers.stream()
                .filter(r -> r.attempts().getFirst().outcome().kind().equals("skipped"))
                .toList();
        assertThat(waited).isNotEmpty();
        for (ChatResponse r : waited) {
          // booked room, then sent when it came: after its skip, never before
          assertThat(r.attempts().getFirst().outcome().detail()).startsWith("budget:");
          assertThat(r.attempts().getLast().startedAt())
              .isAfter(r.attempts().getFirst().startedAt());
        }
      }
    }
  }

  @Test
  void aConcurrencyLimitLetsCallsThroughOneAtATime() throws Exception {
    String yaml =
        """
        providers:
          g: { base_url: "%s", key_env: G_KEY, model: ok, limits: { concurrency: 1 } }
        routes: { default: [g] }
        """
            .formatted(groqLike.openAiBaseUrl());
    // calls told to wait for a slot, by call id
    Set<Long> waiting = ConcurrentHashMap.newKeySet();
    CountDownLatch othersWaiting = new CountDownLatch(2);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    try (Router router =
            FakeRoutes.onTime(
                    Router.builder(YamlConfig.load(dir, yaml, "G_KEY", "M_KEY"))
                        .listener(
                            e -> {
                              if (e instanceof RouterEvent.AttemptFinished a
                                  && a.attempt().outcome().detail().contains("in flight")
                                  && waiting.add(a.callId())) {
                                othersWaiting.countDown();
                              }
                            }),
                    time)
                .build();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<String> prompts = List.of("one", "two", "three");
      CountDownLatch firstInside = new CountDownLatch(1);
      List<Future<ChatResponse>> calls = new ArrayList<>();
      for (int i = 0; i < prompts.size(); i++) {
        String prompt = prompts.get(i);
        boolean first = i == 0;
        String answer = FakeProvider.canonicalAnswer(prompt, 12);
        StringBuilder seen = new StringBuilder();
        TokenSink sink =
            token -> {
              if (seen.isEmpty()) {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                if (first) {
                  firstInside.countDown();
                  // hold the only slot until both other calls have been told to wait for it
                  await(othersWaiting);
                }
              }
              seen.append(token);
              if (seen.toString().equals(answer)) {
                inside.decrementAndGet();
              }
            };
        calls.add(pool.submit(() -> router.stream(ChatRequest.of(prompt), sink)));
        if (first) {
          await(firstInside);
        }
      }
      for (int i = 0; i < prompts.size(); i++) {
        assertThat(calls.get(i).get().text())
            .isEqualTo(FakeProvider.canonicalAnswer(prompts.get(i), 12));
      }
      assertThat(most.get()).as("calls streaming at once").isEqualTo(1);
      assertThat(waiting).hasSize(2);
      assertThat(groqLike.attempts()).hasSize(3);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the other calls never had to wait for the slot");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void aRequestTooBigForEveryTargetFailsAtOnceWithoutBeingSent() {
    String yaml =
        """
        providers:
          g: { base_url: "%s", key_env: G_KEY, model: llama-3.1-8b-instant, limits: { tpm: 6000 } }
          m: { base_url: "%s", key_env: M_KEY, model: gemini-2.5-flash-lite, limits: { tpm: 5000 } }
        routes: { default: [g, m] }
        """
            .formatted(groqLike.openAiBaseUrl(), roomy.openAiBaseUrl());
    try (Router router = router(yaml)) {
      assertThatThrownBy(() -> router.complete(ChatRequest.of(words(7_000, 1)).withMaxTokens(400)))
          .isInstanceOfSatisfying(
              LlmCallException.class,
              e -> assertThat(e.failure()).isEqualTo(LlmCallException.Failure.EXCEEDS_EVERY_BUDGET))
          .hasMessageContaining("6000 tpm")
          .hasMessageContaining("5000 tpm");
      assertThat(time.elapsed()).as("it did not wait for room that will never come").isZero();
      assertThat(groqLike.attempts()).isEmpty();
      assertThat(roomy.attempts()).isEmpty();
    }
  }
}
