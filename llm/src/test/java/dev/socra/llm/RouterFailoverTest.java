package dev.socra.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socra.llm.route.TargetState;
import dev.socra.llm.testkit.FakeProvider;
import dev.socra.llm.testkit.VirtualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
  void aTargetThatNeverAnswersIsSilentAtItsLimitAndNotRetried(boolean stream) throws Exception {
    // the fault never ends, so any limit passes however loaded the machine is
    FakeRoutes routes =
        new FakeRoutes(dir)
            .openai("a", fake)
            .route("a/hang")
            .settings("timeouts: { first_token: 300ms, response: 300ms }\n");
    try (Router router = routes.router()) {
      assertThatThrownBy(() -> call(router, stream))
          .isInstanceOfSatisfying(
              LlmCallException.class,
              e -> {
                assertThat(e.failure()).isEqualTo(LlmCallException.Failure.ALL_TARGETS_FAILED);
                assertThat(e.attempts())
                    .singleElement()
                    .satisfies(a -> assertThat(a.outcome().kind()).isEqualTo("silent"))
                    .satisfies(
                        a ->
                            assertThat(a.outcome().detail())
                                .contains(stream ? "no response within 0.3s" : "within 0.3s"));
              });
      fake.awaitAttempts(1, Duration.ofSeconds(30)); // a loaded fake may log it a moment later
      assertThat(fake.attempts()).hasSize(1);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aTargetSilentForSecondsThatThenClosesIsSilentNotResetAndGetsNoSecondWait(boolean stream) {
    VirtualTime time = VirtualTime.automatic();
    try (FakeProvider slow = FakeProvider.builder().time(time).start();
        Router router =
            new FakeRoutes(dir)
                .openai("a", slow)
                .openai("b", slow)
                .route("a/hang=10000", "b/ok")
                .router(time)) {
      ChatResponse r = call(router, stream);
      assertThat(outcomes(r)).containsExactly("a:silent", "b:ok");
      assertThat(r.attempts().getFirst().outcome().detail())
          .contains("said nothing for 10.0s", "closed the connection");
      // one silence sat out, not two: the fallback served right after the first
      assertThat(slow.attempts()).filteredOn(s -> s.model().equals("hang=10000")).hasSize(1);
      assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(10));
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aConnectionClosedAtOnceWithoutAByteIsTransientAndRetried(boolean stream) {
    try (Router router = routes().route("a/hang=0", "b/ok").router()) {
      ChatResponse r = call(router, stream);
      assertThat(outcomes(r)).containsExactly("a:transient", "a:transient", "b:ok");
      assertThat(r.attempts().getFirst().outcome().detail()).contains("before a response");
      assertThat(fake.attempts()).filteredOn(s -> s.model().equals("hang=0")).hasSize(2);
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
  void aRejectedKeyDisablesTheTargetUntilOneCallRechecksIt(boolean stream) {
    VirtualTime time = VirtualTime.automatic();
    try (FakeProvider keyed = FakeProvider.builder().time(time).start();
        Router router =
            new FakeRoutes(dir)
                .openai("a", keyed)
                .openai("b", keyed)
                .route("a/status=401+times=1", "b/ok")
                .router(time)) {
      assertThat(outcomes(call(router, stream))).containsExactly("a:auth", "b:ok");
      Instant recheck = time.now().plus(Duration.ofMinutes(10));
      TargetState disabled = router.describe().routes().get("default").getFirst().state();
      assertThat(disabled)
          .isInstanceOfSatisfying(
              TargetState.Disabled.class, d -> assertThat(d.recheckAt()).isEqualTo(recheck));
      assertThat(router.describe().render()).contains("re-checked by one call at " + recheck);

      time.advance(Duration.ofMinutes(9));
      ChatResponse second = call(router, stream);
      assertThat(outcomes(second)).containsExactly("a:skipped", "b:ok");
      assertThat(second.attempts().getFirst().outcome().detail())
          .startsWith("disabled")
          .contains("re-checked by one call at " + recheck);
      assertThat(keyed.attempts()).filteredOn(s -> s.model().startsWith("status=401")).hasSize(1);

      // ten minutes on, one call checks the key again; the provider takes it now
      time.advance(Duration.ofMinutes(1));
      assertThat(outcomes(call(router, stream))).containsExactly("a:ok");
      assertThat(router.describe().routes().get("default").getFirst().state())
          .isEqualTo(new TargetState.Closed());
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aKeyStillRejectedOnItsRecheckStaysDisabledForAnotherRound(boolean stream) {
    VirtualTime time = VirtualTime.automatic();
    try (FakeProvider keyed = FakeProvider.builder().time(time).start();
        Router router =
            new FakeRoutes(dir)
                .openai("a", keyed)
                .openai("b", keyed)
                .route("a/status=403", "b/ok")
                .settings("retry: { auth_recheck: 2m }\n")
                .router(time)) {
      assertThat(outcomes(call(router, stream))).containsExactly("a:auth", "b:ok");
      time.advance(Duration.ofMinutes(2));
      assertThat(outcomes(call(router, stream))).containsExactly("a:auth", "b:ok");
      assertThat(outcomes(call(router, stream))).containsExactly("a:skipped", "b:ok");
      Instant nextRecheck = time.now().plus(Duration.ofMinutes(2));
      assertThat(router.describe().routes().get("default").getFirst().state())
          .isInstanceOfSatisfying(
              TargetState.Disabled.class, d -> assertThat(d.recheckAt()).isEqualTo(nextRecheck));
      assertThat(keyed.attempts()).filteredOn(s -> s.model().equals("status=403")).hasSize(2);
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
