package dev.socra.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socra.llm.testkit.FakeProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** 429s: a short stated wait is sat out on the same target, a long one fails over at once. */
class RouterRateLimitTest {
  @TempDir Path dir;
  @AutoClose FakeProvider fake = FakeProvider.start(0);

  static Stream<Arguments> shortWaits() {
    return Stream.of(false, true)
        .flatMap(
            stream ->
                Stream.of(
                        "retry-after=1",
                        "retry-after-ms=700",
                        "retry-after-date=2",
                        "groq-wait=0.8s",
                        "gemini-retry=1s")
                    .map(form -> Arguments.of(form, stream)));
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

  @ParameterizedTest(name = "{0}, stream={1}")
  @MethodSource("shortWaits")
  void aShortStatedWaitIsSatOutOnTheSameTarget(String form, boolean stream) {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .openai("a", fake)
            .openai("b", fake)
            .route("a/status=429+" + form + "+times=1", "b/ok");
    try (Router router = routes.router()) {
      long t0 = System.nanoTime();
      ChatResponse r = call(router, stream);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      assertThat(outcomes(r)).containsExactly("a:rate-limited", "a:ok");
      // it honoured the wait: at least most of it (an HTTP date has one-second resolution)
      assertThat(took)
          .isGreaterThan(Duration.ofMillis(form.startsWith("retry-after-date") ? 900 : 600));
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aLongWaitFailsOverAtOnceAndCoolsTheTargetDown(boolean stream) {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .openai("a", fake)
            .openai("b", fake)
            .route("a/status=429+retry-after=30", "b/ok");
    try (Router router = routes.router()) {
      long t0 = System.nanoTime();
      assertThat(outcomes(call(router, stream))).containsExactly("a:rate-limited", "b:ok");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
      ChatResponse second = call(router, stream);
      assertThat(outcomes(second)).containsExactly("a:skipped", "b:ok");
      assertThat(second.attempts().getFirst().outcome().detail()).contains("cooling down");
      // never hammered: the fake saw one request for the limited model
      assertThat(fake.attempts()).filteredOn(s -> s.model().startsWith("status=429")).hasSize(1);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aWaitWithoutAFigureFailsOver(boolean stream) {
    FakeRoutes routes =
        new FakeRoutes(dir).openai("a", fake).openai("b", fake).route("a/status=429", "b/ok");
    try (Router router = routes.router()) {
      assertThat(outcomes(call(router, stream))).containsExactly("a:rate-limited", "b:ok");
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aLimitLearnedFromTheHeadersKeepsTheNextRequestFromBeingSent(boolean stream) {
    fake.setLimits(new dev.socra.llm.testkit.RateLimits(0, 1));
    FakeRoutes routes = new FakeRoutes(dir).openai("a", fake).route("a/ok");
    try (Router router = routes.router()) {
      assertThat(outcomes(call(router, stream))).containsExactly("a:ok");
      long t0 = System.nanoTime();
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
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
      assertThat(fake.attempts()).hasSize(1);
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
    try (Router router = routes.router()) {
      ChatResponse r = call(router, stream);
      assertThat(outcomes(r)).containsExactly("a:rate-limited", "a:rate-limited", "a:ok");
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
    try (Router router = routes.router()) {
      assertThatThrownBy(() -> call(router, stream))
          .isInstanceOfSatisfying(
              LlmCallException.class,
              e -> {
                assertThat(e.getMessage()).containsPattern("try again in 1[12] s");
                assertThat(e.retryAfter())
                    .hasValueSatisfying(
                        d ->
                            assertThat(d)
                                .isBetween(Duration.ofSeconds(10), Duration.ofSeconds(12)));
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
    try (Router router = routes.router()) {
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
