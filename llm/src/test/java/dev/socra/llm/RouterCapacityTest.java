package dev.socra.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socra.llm.config.ConfigLoader;
import dev.socra.llm.testkit.FakeProvider;
import dev.socra.llm.testkit.RateLimits;
import dev.socra.llm.testkit.SeenRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's production failure, replayed against fakes that enforce real limits: parallel calls
 * are admitted where they fit, spill over, or wait their turn, and no 429 is ever provoked.
 */
class RouterCapacityTest {
  @TempDir Path dir;
  @AutoClose FakeProvider groqLike = FakeProvider.start(0);
  @AutoClose FakeProvider roomy = FakeProvider.start(0);

  private Router router(String yaml) throws Exception {
    Path file = dir.resolve("socra.yaml");
    Files.writeString(file, yaml);
    return Router.create(
        ConfigLoader.load(
            Map.of(
                "SOCRA_CONFIG",
                file.toString(),
                "G_KEY",
                "test-key-groq-0123456789",
                "M_KEY",
                "test-key-openai-0123456789")));
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
    groqLike.setLimits(new RateLimits(6_000, 30));
    String yaml =
        """
        providers:
          g: { base_url: "%s", key_env: G_KEY, model: llama-3.1-8b-instant, rate_limit_headers: groq,
               limits: { tpm: 6000, rpm: 30 } }
          m: { base_url: "%s", key_env: M_KEY, model: gemini-2.5-flash-lite }
        routes: { default: [g, m] }
        """
            .formatted(groqLike.openAiBaseUrl(), roomy.openAiBaseUrl());
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
    }
  }

  @Test
  void whenNothingFitsCallsWaitTheirTurnInsteadOfBeingRefused() throws Exception {
    groqLike.setLimits(new RateLimits(6_000, 0));
    String yaml =
        """
        providers:
          g: { base_url: "%s", key_env: G_KEY, model: llama-3.1-8b-instant, limits: { tpm: 6000 } }
        routes: { default: [g] }
        timeouts: { deadline: 30s }
        """
            .formatted(groqLike.openAiBaseUrl());
    try (Router router = router(yaml)) {
      List<ChatRequest> calls = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        calls.add(ChatRequest.of(words(100, i)).withMaxTokens(100));
      }
      long t0 = System.nanoTime();
      List<ChatResponse> answers = together(router, calls);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      for (int i = 0; i < 30; i++) {
        assertThat(answers.get(i).text())
            .isEqualTo(FakeProvider.canonicalAnswer(words(100, i), 12));
      }
      assertThat(tooMany(groqLike)).isZero();
      assertThat(groqLike.attempts()).hasSize(30);
      // more than a minute's budget at once: some calls had to wait for the bucket to refill
      assertThat(took).isGreaterThan(Duration.ofSeconds(1));
      assertThat(answers)
          .anySatisfy(
              r -> assertThat(r.attempts().getFirst().outcome().kind()).isEqualTo("skipped"));
    }
  }

  @Test
  void aConcurrencyLimitLetsCallsThroughOneAtATime() throws Exception {
    String yaml =
        """
        providers:
          g: { base_url: "%s", key_env: G_KEY, model: "slow-first=300", limits: { concurrency: 1 } }
        routes: { default: [g] }
        """
            .formatted(groqLike.openAiBaseUrl());
    try (Router router = router(yaml)) {
      long t0 = System.nanoTime();
      List<ChatResponse> answers =
          together(
              router,
              List.of(ChatRequest.of("one"), ChatRequest.of("two"), ChatRequest.of("three")));
      assertThat(answers).hasSize(3);
      // one at a time: three calls of at least 300 ms each
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(880));
      assertThat(groqLike.attempts()).hasSize(3);
    }
  }

  @Test
  void aRequestTooBigForEveryTargetFailsAtOnceWithoutBeingSent() throws Exception {
    String yaml =
        """
        providers:
          g: { base_url: "%s", key_env: G_KEY, model: llama-3.1-8b-instant, limits: { tpm: 6000 } }
          m: { base_url: "%s", key_env: M_KEY, model: gemini-2.5-flash-lite, limits: { tpm: 5000 } }
        routes: { default: [g, m] }
        """
            .formatted(groqLike.openAiBaseUrl(), roomy.openAiBaseUrl());
    try (Router router = router(yaml)) {
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> router.complete(ChatRequest.of(words(7_000, 1)).withMaxTokens(400)))
          .isInstanceOfSatisfying(
              LlmCallException.class,
              e -> assertThat(e.failure()).isEqualTo(LlmCallException.Failure.EXCEEDS_EVERY_BUDGET))
          .hasMessageContaining("6000 tpm")
          .hasMessageContaining("5000 tpm");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
      assertThat(groqLike.attempts()).isEmpty();
      assertThat(roomy.attempts()).isEmpty();
    }
  }
}
