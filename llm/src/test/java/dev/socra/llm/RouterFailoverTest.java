package dev.socra.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socra.llm.testkit.FakeProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every outcome class, streamed and not, against fake providers over loopback HTTP. */
class RouterFailoverTest {
  static final String PROMPT = "Who pays for this, and how often?";
  static final String ANSWER = FakeProvider.canonicalAnswer(PROMPT, 12);

  @TempDir Path dir;
  @AutoClose FakeProvider fake = FakeProvider.start(0);

  private FakeRoutes routes() {
    return new FakeRoutes(dir).openai("a", fake).openai("b", fake).anthropic("c", fake);
  }

  private static ChatResponse call(Router router, boolean stream) {
    ChatRequest request = ChatRequest.of(PROMPT).withMaxTokens(200);
    if (!stream) {
      return router.complete(request);
    }
    StringBuilder seen = new StringBuilder();
    ChatResponse r = router.stream(request, seen::append);
    assertThat(seen.toString()).isEqualTo(r.text());
    return r;
  }

  private static List<String> outcomes(ChatResponse r) {
    return r.attempts().stream()
        .map(a -> a.target().provider() + ":" + a.outcome().kind())
        .toList();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aHealthyTargetAnswersAndReportsUsageAndCost(boolean stream) {
    try (Router router = routes().route("a/ok").router()) {
      ChatResponse r = call(router, stream);
      assertThat(r.text()).isEqualTo(ANSWER);
      assertThat(r.servedBy().toString()).isEqualTo("a/ok");
      assertThat(r.usage().estimated()).isFalse();
      assertThat(r.usage().outputTokens()).isEqualTo(12);
      assertThat(r.usage().inputTokens()).isPositive();
      assertThat(r.cost()).isPositive();
      assertThat(r.attempts().getFirst().httpStatus()).isEqualTo(200);
      if (stream) {
        assertThat(r.attempts().getFirst().timeToFirstToken()).isNotNull();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void anAnthropicTargetAnswersInItsOwnFormat(boolean stream) {
    try (Router router = routes().route("c/ok").router()) {
      ChatResponse r = call(router, stream);
      assertThat(r.text()).isEqualTo(ANSWER);
      assertThat(r.usage().outputTokens()).isEqualTo(12);
      assertThat(fake.attempts().getFirst().protocol()).isEqualTo("anthropic");
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void overloadedFailsOverAtOnce(boolean stream) {
    try (Router router = routes().route("a/status=503", "c/status=529", "b/ok").router()) {
      ChatResponse r = call(router, stream);
      assertThat(r.text()).isEqualTo(ANSWER);
      assertThat(outcomes(r)).containsExactly("a:overloaded", "c:overloaded", "b:ok");
      assertThat(r.cost()).isEqualTo(r.attempts().getLast().cost());
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aTransientErrorIsRetriedOnceOnTheSameTarget(boolean stream) {
    try (Router router = routes().route("a/status=500+times=1", "b/ok").router()) {
      ChatResponse r = call(router, stream);
      assertThat(outcomes(r)).containsExactly("a:transient", "a:ok");
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aPersistentTransientErrorMovesOnAfterOneRetry(boolean stream) {
    try (Router router = routes().route("a/status=502", "b/ok").router()) {
      ChatResponse r = call(router, stream);
      assertThat(outcomes(r)).containsExactly("a:transient", "a:transient", "b:ok");
      assertThat(fake.attempts()).filteredOn(a -> a.model().equals("status=502")).hasSize(2);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aConnectionResetIsTransient(boolean stream) {
    try (Router router = routes().route("a/reset", "b/ok").router()) {
      ChatResponse r = call(router, stream);
      assertThat(outcomes(r)).containsExactly("a:transient", "a:transient", "b:ok");
      assertThat(r.attempts().getFirst().httpStatus()).isZero();
      // exactly the router's one retry: the HTTP client added none of its own
      assertThat(fake.attempts()).filteredOn(a -> a.model().equals("reset")).hasSize(2);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aRefusedConnectionFailsOver(boolean stream) throws Exception {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    FakeRoutes routes = routes();
    Path file = dir.resolve("dead.yaml");
    java.nio.file.Files.writeString(
        file,
        """
        providers:
          dead: { protocol: openai, base_url: "http://127.0.0.1:%d/v1", model: ok }
          b: { protocol: openai, base_url: "%s", key_env: B_TEST_KEY, model: ok }
        routes: { default: [dead, b] }
        retry: { transient_backoff: 10ms }
        """
            .formatted(closedPort, fake.openAiBaseUrl()));
    var env = new java.util.HashMap<>(routes.env());
    env.put("SOCRA_CONFIG", file.toString());
    try (Router router = Router.create(dev.socra.llm.config.ConfigLoader.load(env))) {
      ChatResponse r = call(router, stream);
      assertThat(outcomes(r)).containsExactly("dead:transient", "dead:transient", "b:ok");
      assertThat(r.attempts().getFirst().outcome().detail()).contains("connection refused");
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aSilentTargetIsAbandonedAndNotRetried(boolean stream) {
    try (Router router = routes().route("a/hang", "b/ok").router()) {
      long t0 = System.nanoTime();
      ChatResponse r = call(router, stream);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      assertThat(outcomes(r)).containsExactly("a:silent", "b:ok");
      // one timeout (1s streamed, 2s whole), never two
      assertThat(took).isLessThan(Duration.ofMillis(stream ? 1900 : 3900));
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void errorsInsideA200AreClassifiedAsTheErrorTheyCarry(boolean stream) {
    try (Router router = routes().route("a/error-in-200=503", "b/ok").router()) {
      ChatResponse r = call(router, stream);
      assertThat(outcomes(r)).containsExactly("a:overloaded", "b:ok");
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aBodyThatIsNotJsonIsTransient(boolean stream) {
    try (Router router = routes().route("a/not-json", "b/ok").router()) {
      ChatResponse r = call(router, stream);
      assertThat(outcomes(r)).containsExactly("a:transient", "a:transient", "b:ok");
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aRejectedKeyDisablesTheTargetUntilItsConfigChanges(boolean stream) {
    try (Router router = routes().route("a/status=401", "b/ok").router()) {
      assertThat(outcomes(call(router, stream))).containsExactly("a:auth", "b:ok");
      ChatResponse second = call(router, stream);
      assertThat(outcomes(second)).containsExactly("a:skipped", "b:ok");
      assertThat(second.attempts().getFirst().outcome().detail()).startsWith("disabled");
      assertThat(fake.attempts()).filteredOn(s -> s.model().equals("status=401")).hasSize(1);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void anExhaustedQuotaCoolsTheTargetDown(boolean stream) {
    try (Router router = routes().route("a/status=429+code=insufficient_quota", "b/ok").router()) {
      assertThat(outcomes(call(router, stream))).containsExactly("a:quota", "b:ok");
      assertThat(outcomes(call(router, stream))).containsExactly("a:skipped", "b:ok");
    }
    try (Router router = routes().route("a/status=402", "b/ok").router()) {
      assertThat(outcomes(call(router, stream))).containsExactly("a:quota", "b:ok");
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aPromptTooLongGoesOnlyToALargerContext(boolean stream) {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .openai("small", fake, false, 8_000)
            .openai("same", fake, false, 8_000)
            .openai("large", fake, false, 128_000)
            .route("small/status=400+code=context_length_exceeded", "same/ok", "large/ok");
    try (Router router = routes.router()) {
      ChatResponse r = call(router, stream);
      assertThat(outcomes(r)).containsExactly("small:context-too-long", "same:skipped", "large:ok");
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aPromptTooLongForEveryTargetIsAClearError(boolean stream) {
    try (Router router =
        routes().route("a/status=400+code=context_length_exceeded", "b/ok").router()) {
      assertThatThrownBy(() -> call(router, stream))
          .isInstanceOfSatisfying(
              LlmCallException.class,
              e -> assertThat(e.failure()).isEqualTo(LlmCallException.Failure.CONTEXT_TOO_LONG))
          .hasMessageContaining("too long");
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aRequestOverATargetsWholeRateLimitGoesToTheNextTargetNotToAContextError(boolean stream) {
    try (FakeProvider small = FakeProvider.start(0)) {
      small.setLimits(new dev.socra.llm.testkit.RateLimits(50, 0));
      FakeRoutes routes =
          new FakeRoutes(dir)
              .openai("small", small, false, 131_072)
              .openai("b", fake, false, 128_000)
              .route("small/ok", "b/ok");
      try (Router router = routes.router()) {
        ChatResponse r = call(router, stream);
        assertThat(outcomes(r)).containsExactly("small:too-large", "b:ok");
        assertThat(r.attempts().getFirst().httpStatus()).isEqualTo(413);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aRefusalIsNeitherRetriedNorFailedOverAndCarriesTheProvidersReason(boolean stream) {
    try (Router router = routes().route("a/status=400+code=content_filter", "b/ok").router()) {
      assertThatThrownBy(() -> call(router, stream))
          .isInstanceOfSatisfying(
              LlmCallException.class,
              e -> {
                assertThat(e.failure()).isEqualTo(LlmCallException.Failure.REFUSED);
                assertThat(e.attempts()).hasSize(1);
              })
          .hasMessageContaining("content_filter");
      assertThat(fake.attempts()).hasSize(1);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void whenEveryTargetFailsTheRealCauseIsReported(boolean stream) {
    try (Router router = routes().route("a/status=503", "b/status=529").router()) {
      assertThatThrownBy(() -> call(router, stream))
          .isInstanceOfSatisfying(
              LlmCallException.class,
              e -> assertThat(e.failure()).isEqualTo(LlmCallException.Failure.ALL_TARGETS_FAILED))
          .hasMessageContaining("b/status=529")
          .hasMessageContaining("overloaded");
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void theAttemptBudgetBoundsTheCall(boolean stream) {
    FakeRoutes routes =
        routes()
            .route("a/status=500", "b/status=500", "c/status=500")
            .settings("retry: { max_attempts: 3, transient_backoff: 5ms }\n");
    try (Router router = routes.router()) {
      assertThatThrownBy(() -> call(router, stream))
          .isInstanceOfSatisfying(
              LlmCallException.class,
              e -> assertThat(e.failure()).isEqualTo(LlmCallException.Failure.ATTEMPTS_EXHAUSTED));
      assertThat(fake.attempts()).hasSize(3);
    }
  }
}
