package dev.socra.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socra.llm.budget.Dimension;
import dev.socra.llm.route.TargetId;
import dev.socra.llm.testkit.FakeProvider;
import dev.socra.llm.testkit.RateLimits;
import dev.socra.llm.testkit.VirtualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 429s: a short stated wait is sat out on the same target, a long one fails over at once. The
 * router and the fake share one virtual time, so every wait is exact and takes no real time.
 */
class RouterRateLimitTest {
  @TempDir Path dir;
  final VirtualTime time = VirtualTime.automatic();
  @AutoClose FakeProvider fake = FakeProvider.builder().time(time).start();

  static Stream<Arguments> shortWaits() {
    return Stream.of(false, true)
        .flatMap(
            stream ->
                Stream.of(
                        Arguments.of("retry-after=1", Duration.ofSeconds(1)),
                        Arguments.of("retry-after-ms=700", Duration.ofMillis(700)),
                        // an HTTP date has whole seconds: two from a clock on a whole second
                        Arguments.of("retry-after-date=2", Duration.ofSeconds(2)),
                        Arguments.of("groq-wait=0.8s", Duration.ofMillis(800)),
                        Arguments.of("gemini-retry=1s", Duration.ofSeconds(1)))
                    .map(a -> Arguments.of(a.get()[0], a.get()[1], stream)));
  }

  private ChatResponse call(Router router, boolean stream) {
    ChatRequest r = ChatRequest.of("Why now?");
    return stream ? router.stream(r, TokenSink.IGNORE) : router.complete(r);
  }

  private static List<String> outcomes(ChatResponse r) {
    return r.attempts().stream()
        .map(a -> a.target().provider() + ":" + a.outcome().kind())
        .toList();
  }

  @ParameterizedTest(name = "{0}, stream={2}")
  @MethodSource("shortWaits")
  void aShortStatedWaitIsSatOutOnTheSameTarget(String form, Duration stated, boolean stream) {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .openai("a", fake)
            .openai("b", fake)
            .route("a/status=429+" + form + "+times=1", "b/ok");
    try (Router router = routes.router(time)) {
      ChatResponse r = call(router, stream);
      assertThat(outcomes(r)).containsExactly("a:rate-limited", "a:ok");
      // the stated wait, and at most the tenth more that keeps retries from arriving together
      assertThat(time.elapsed()).isBetween(stated, stated.plus(stated.dividedBy(10)));
      assertThat(r.attempts().get(1).startedAt())
          .isAfterOrEqualTo(r.attempts().get(0).startedAt().plus(stated));
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aLongWaitFailsOverAtOnceAndCoolsTheTargetDown(boolean stream) {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .openai("a", fake)
            .openai("b", fake)
            .route("a/status=429+retry-after=30+times=1", "b/ok");
    try (Router router = routes.router(time)) {
      assertThat(outcomes(call(router, stream))).containsExactly("a:rate-limited", "b:ok");
      assertThat(time.elapsed()).as("nothing was waited for").isZero();
      ChatResponse second = call(router, stream);
      assertThat(outcomes(second)).containsExactly("a:skipped", "b:ok");
      assertThat(second.attempts().getFirst().outcome().detail()).contains("cooling down");
      // never hammered: the fake saw one request for the limited model
      assertThat(fake.attempts()).filteredOn(s -> s.model().startsWith("status=429")).hasSize(1);

      time.advance(Duration.ofSeconds(30));
      assertThat(outcomes(call(router, stream))).containsExactly("a:ok");
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aWaitWithoutAFigureFailsOver(boolean stream) {
    FakeRoutes routes =
        new FakeRoutes(dir).openai("a", fake).openai("b", fake).route("a/status=429", "b/ok");
    try (Router router = routes.router(time)) {
      assertThat(outcomes(call(router, stream))).containsExactly("a:rate-limited", "b:ok");
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aLimitLearnedFromTheHeadersKeepsTheNextRequestFromBeingSent(boolean stream) {
    fake.setLimits(new RateLimits(0, 1));
    FakeRoutes routes = new FakeRoutes(dir).openai("a", fake).route("a/ok");
    try (Router router = routes.router(time)) {
      assertThat(outcomes(call(router, stream))).containsExactly("a:ok");
      assertThatThrownBy(() -> call(router, stream))
          .isInstanceOfSatisfying(
              LlmCallException.class,
              e -> {
                assertThat(e.attempts()).hasSize(1);
                assertThat(e.attempts().getFirst().outcome().detail())
                    .contains("budget")
                    .contains("1 rpm");
              });
      // it knew at once that the room comes back only after the deadline
      assertThat(time.elapsed()).isZero();
      assertThat(fake.attempts()).hasSize(1);
    }
  }

  @Test
  void groqsRequestHeadersAreLearnedAsADailyLimitAndItsTokenHeadersAsAPerMinuteOne() {
    fake.setLimits(new RateLimits(6_000, 30, 14_400));
    String yaml =
        """
        providers:
          g: { base_url: "%s", key_env: G_KEY, model: llama-3.1-8b-instant,
               rate_limit_headers: groq, limits: { rpm: 30 } }
        routes: { default: [g] }
        """
            .formatted(fake.groqBaseUrl());
    try (Router router =
        FakeRoutes.onTime(Router.builder(YamlConfig.load(dir, yaml, "G_KEY")), time).build()) {
      call(router, false);
      var limits = router.budget(new TargetId("g", "llama-3.1-8b-instant")).limits();
      assertThat(limits.of(Dimension.REQUESTS_PER_DAY)).isEqualTo(14_400);
      assertThat(limits.of(Dimension.TOKENS_PER_MINUTE)).isEqualTo(6_000);
      // the per-minute request limit Groq does not report stays as configured
      assertThat(limits.of(Dimension.REQUESTS_PER_MINUTE)).isEqualTo(30);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void whenEveryTargetIsCoolingDownTheCallWaitsForTheFirstBackWithinItsDeadline(boolean stream) {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .openai("a", fake)
            .route("a/status=429+retry-after=1+times=2")
            .settings("retry: { max_rate_limit_wait: 0s }\ntimeouts: { deadline: 10s }\n");
    try (Router router = routes.router(time)) {
      ChatResponse r = call(router, stream);
      assertThat(outcomes(r)).containsExactly("a:rate-limited", "a:rate-limited", "a:ok");
      // two cool-downs of a second each, sat out in turn
      assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(2));
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void whenEveryTargetIsRateLimitedBeyondTheDeadlineTheErrorSaysWhenToTryAgain(boolean stream) {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .openai("a", fake)
            .openai("b", fake)
            .route("a/status=429+retry-after=12", "b/status=429+retry-after=40")
            .settings("timeouts: { deadline: 2s }\n");
    try (Router router = routes.router(time)) {
      assertThatThrownBy(() -> call(router, stream))
          .isInstanceOfSatisfying(
              LlmCallException.class,
              e -> {
                assertThat(e.getMessage()).contains("try again in 12 s");
                assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(12));
              });
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aFailureWithATargetStillUsableGivesNoRetryTime(boolean stream) {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .openai("a", fake)
            .openai("b", fake)
            .route("a/status=429+retry-after=12", "b/status=500");
    try (Router router = routes.router(time)) {
      assertThatThrownBy(() -> call(router, stream))
          .isInstanceOfSatisfying(
              LlmCallException.class,
              e -> {
                assertThat(e.getMessage()).doesNotContain("try again in");
                assertThat(e.retryAfter()).isEmpty();
              });
    }
  }
}
