package dev.socra.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socra.llm.ChatRequest;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.LlmCallException;
import dev.socra.llm.Router;
import dev.socra.llm.budget.BudgetUnavailableException;
import dev.socra.llm.budget.Dimension;
import dev.socra.llm.budget.TargetBudget;
import dev.socra.llm.config.ConfigLoader;
import dev.socra.llm.route.TargetId;
import dev.socra.llm.testkit.FakeProvider;
import dev.socra.llm.testkit.RateLimits;
import dev.socra.llm.testkit.VirtualTime;
import dev.socra.server.ServerSettings;
import dev.socra.server.testing.RedisServer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What two servers share through one real Redis, seen from two routers and two spend gates as two
 * servers would hold them: one server's 429 keeps the other away, a limit one learned from the
 * provider's headers is the other's too, and the daily cap's holds are counted together.
 */
class SharedStateTest {
  static RedisServer redisServer;
  static Redis one;
  static Redis two;

  @BeforeAll
  static void start() {
    redisServer = RedisServer.launch();
    one = new Redis(ServerSettings.from(Map.of("SOCRA_REDIS_URL", redisServer.url())));
    two = new Redis(ServerSettings.from(Map.of("SOCRA_REDIS_URL", redisServer.url())));
  }

  @AfterAll
  static void stop() {
    one.close();
    two.close();
    redisServer.close();
  }

  @Test
  void oneServersRateLimitKeepsTheOtherAwayUntilTheProviderSaidToComeBack() throws Exception {
    try (FakeProvider fake = FakeProvider.start(0)) {
      String model = "status=429+retry-after=30+times=1";
      Map<String, String> env = config(fake, model, 0);
      Router a = router(env, one);
      Router b = router(env, two);

      assertThatThrownBy(() -> a.complete(ChatRequest.of("Name three bakeries in Lisbon.")))
          .isInstanceOf(LlmCallException.class);
      assertThat(fake.attempts()).hasSize(1);

      // The other server sends nothing: the provider asked for 30 s, whoever it told.
      LlmCallException refused =
          (LlmCallException)
              org.assertj.core.api.Assertions.catchThrowable(
                  () -> b.complete(ChatRequest.of("Name three bakeries in Porto.")));
      assertThat(refused.getMessage()).contains("seen by another server");
      assertThat(refused.retryAfter()).isPresent();
      assertThat(refused.retryAfter().get().toSeconds()).isBetween(20L, 30L);
      assertThat(fake.attempts()).hasSize(1);
      a.close();
      b.close();
    }
  }

  @Test
  void aLimitOneServerLearnedFromTheProvidersHeadersIsTheOtherServersToo() throws Exception {
    // Configured at 60,000 tokens a minute, but the key really has 5,000 (the fake says so).
    try (FakeProvider fake = FakeProvider.builder().limits(new RateLimits(5_000, 1_000)).start()) {
      Map<String, String> env = config(fake, "learned", 60_000);
      Router a = router(env, one);
      Router b = router(env, two);
      TargetId target = new TargetId("fake", "learned");
      assertThat(b.budget(target).limits().of(Dimension.TOKENS_PER_MINUTE)).isEqualTo(60_000);

      a.complete(ChatRequest.of("Name three bakeries in Lisbon.").withMaxTokens(50));

      TargetBudget other = b.budget(target);
      var admitted = other.admit(other.demand(10, 10));
      assertThat(other.limits().of(Dimension.TOKENS_PER_MINUTE)).isEqualTo(5_000);
      if (admitted instanceof dev.socra.llm.budget.Admission.Granted g) {
        other.settle(g.reservation(), null, 0);
      }
      a.close();
      b.close();
    }
  }

  @Test
  void anAnswerThatArrivesAfterRedisWentAwayIsStillDelivered() throws Exception {
    VirtualTime time = VirtualTime.manual();
    try (RedisServer own = RedisServer.launch();
        Redis redis = new Redis(ServerSettings.from(Map.of("SOCRA_REDIS_URL", own.url())));
        FakeProvider fake =
            FakeProvider.builder()
                .limits(new RateLimits(6_000, 1_000, 1_000_000))
                .time(time)
                .start()) {
      Map<String, String> env = config(fake, "slow-first=3000", 6_000, "30s");
      Router router = router(env, redis);
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        Future<ChatResponse> call =
            pool.submit(() -> router.complete(ChatRequest.of("Name three bakeries in Braga.")));
        // The provider has the request and is thinking; meanwhile Redis goes away.
        fake.awaitAttempts(1, Duration.ofSeconds(30));
        assertThat(time.awaitSleepers(1, Duration.ofSeconds(30))).isTrue();
        own.stop();
        time.advance(Duration.ofSeconds(3));

        // Its answer and rate-limit headers arrive: what the servers share cannot be updated, but
        // the answer the provider was paid for reaches the caller.
        ChatResponse r = call.get();
        assertThat(r.text()).isNotBlank();
        assertThat(r.attempts())
            .singleElement()
            .satisfies(a -> assertThat(a.outcome().kind()).isEqualTo("ok"));
      }
      router.close();
    }
  }

  @Test
  void bucket4jsOwnTimeoutWhileRedisReconnectsIsAnOutageNotABug() {
    RedisBudgetStore store = new RedisBudgetStore(one);
    RuntimeException timeout =
        new io.github.bucket4j.TimeoutException(
            "waiting for redis", 2_000_000_001L, 2_000_000_000L);
    assertThat(store.unavailable(timeout))
        .isInstanceOf(BudgetUnavailableException.class)
        .hasMessageContaining("out of reach")
        .hasCause(timeout);
  }

  @Test
  void holdsOnTwoServersTogetherStopAtTheCapAsOnOne() throws Exception {
    SharedSpend first = new SharedSpend(one);
    SharedSpend second = new SharedSpend(two);
    String user = "user-" + System.nanoTime();
    BigDecimal cap = new BigDecimal("1.00");
    BigDecimal most = new BigDecimal("0.10");
    List<Future<SharedSpend.Outcome>> tries = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 20; i++) {
        SharedSpend gate = i % 2 == 0 ? first : second;
        tries.add(pool.submit(() -> gate.hold(user, cap, most, () -> BigDecimal.ZERO)));
      }
    }
    List<String> held = new ArrayList<>();
    int noRoom = 0;
    for (Future<SharedSpend.Outcome> t : tries) {
      switch (t.get()) {
        case SharedSpend.Outcome.Held h -> held.add(h.id());
        case SharedSpend.Outcome.NoRoomNow n -> noRoom++;
        case SharedSpend.Outcome.CapReached c -> throw new AssertionError("nothing spent yet");
      }
    }
    // Let through while spend and holds are under the cap: ten holds of $0.10, wherever taken.
    assertThat(held).hasSize(10);
    assertThat(noRoom).isEqualTo(10);
    assertThat(second.heldFor(user)).isEqualByComparingTo("1.00");

    // Each attempt cost $0.11 in the end: the day's spend is theirs together, the holds are gone.
    for (int i = 0; i < held.size(); i++) {
      (i % 2 == 0 ? first : second).settle(user, held.get(i), new BigDecimal("0.11"));
    }
    assertThat(first.heldFor(user)).isEqualByComparingTo("0");
    assertThat(second.spentToday(user, () -> BigDecimal.ZERO)).isEqualByComparingTo("1.10");
    assertThat(first.hold(user, cap, most, () -> BigDecimal.ZERO))
        .isInstanceOf(SharedSpend.Outcome.CapReached.class);
  }

  private static Router router(Map<String, String> env, Redis redis) {
    return Router.builder(ConfigLoader.load(env))
        .budgetStore(new RedisBudgetStore(redis))
        .sharedCoolDowns(new RedisTargetState(redis))
        .build();
  }

  private static Map<String, String> config(FakeProvider fake, String model, int tpm)
      throws Exception {
    return config(fake, model, tpm, "3s");
  }

  private static Map<String, String> config(
      FakeProvider fake, String model, int tpm, String deadline) throws Exception {
    Path dir = Files.createTempDirectory("socra-shared-state");
    Path file = dir.resolve("socra.yaml");
    Files.writeString(
        file,
        """
        providers:
          fake:
            protocol: openai
            base_url: %s
            key_env: FAKE_TEST_KEY
            model: ok
            context_window: 32000
            price: { input: 1.0, output: 2.0, as_of: 2026-11-01, source: test }
            %s
        routes:
          default: ["fake/%s"]
        timeouts: { deadline: %s }
        retry: { max_rate_limit_wait: 1s }
        """
            .formatted(
                fake.openAiBaseUrl(),
                tpm > 0 ? "limits: { tpm: " + tpm + " }" : "",
                model,
                deadline));
    return Map.of("SOCRA_CONFIG", file.toString(), "FAKE_TEST_KEY", "test-key-shared-state-5Tq");
  }
}
