package dev.socra.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.route.TargetState;
import dev.socra.llm.testkit.FakeProvider;
import dev.socra.llm.testkit.VirtualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whose fault a failure is: the caller's own sink stops the call; a provider's adapter or the
 * stub's responder that throws is that provider's fault, and the next target serves; an interrupted
 * calling thread is neither, and says so.
 */
class RouterFaultsTest {
  static final String PROMPT = "Which customers would miss you first?";
  static final String ANSWER = FakeProvider.canonicalAnswer(PROMPT, 12);

  @TempDir Path dir;
  @AutoClose FakeProvider fake = FakeProvider.start(0);
  private final List<RouterEvent> events = new CopyOnWriteArrayList<>();

  private static ChatResponse call(Router router, boolean stream) {
    ChatRequest request = ChatRequest.of(PROMPT);
    return stream ? router.stream(request, t -> {}) : router.complete(request);
  }

  private static List<String> outcomes(List<Attempt> attempts) {
    return attempts.stream().map(a -> a.target().provider() + ":" + a.outcome().kind()).toList();
  }

  private TargetState stateOf(Router router, int index) {
    return router.describe().routes().get("default").get(index).state();
  }

  private List<LlmCallException.Failure> failures() {
    return events.stream()
        .filter(RouterEvent.CallFailed.class::isInstance)
        .map(e -> ((RouterEvent.CallFailed) e).error().failure())
        .toList();
  }

  @Test
  void aSinkThatThrowsIsTheCallersOwnStopAndBlamesNoTarget() {
    FakeRoutes routes = new FakeRoutes(dir).openai("a", fake).route("a/ok");
    try (Router router = Router.builder(routes.config()).listener(events::add).build()) {
      IllegalStateException gone = new IllegalStateException("the client went away");
      assertThatThrownBy(
              () ->
                  router.stream(
                      ChatRequest.of(PROMPT),
                      t -> {
                        throw gone;
                      }))
          .isSameAs(gone);
      assertThat(failures()).containsExactly(LlmCallException.Failure.CALLER_ABORTED);
      assertThat(stateOf(router, 0)).isEqualTo(new TargetState.Closed());
      // the same target serves the next call: nothing was held against it
      assertThat(outcomes(call(router, true).attempts())).containsExactly("a:ok");
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aStubResponderThatThrowsIsTheProvidersFaultAndTheNextTargetServes(boolean stream) {
    FakeRoutes routes = new FakeRoutes(dir).openai("b", fake).route("stub/socra-demo", "b/ok");
    try (Router router =
        Router.builder(routes.config())
            .stubResponder(
                r -> {
                  throw new IllegalStateException("the demo script has a bug");
                })
            .listener(events::add)
            .build()) {
      ChatResponse r = call(router, stream);
      assertThat(r.text()).isEqualTo(ANSWER);
      // no second try on the stub: an adapter that threw would throw again
      assertThat(outcomes(r.attempts())).containsExactly("stub:transient", "b:ok");
      assertThat(r.attempts().getFirst().outcome().detail())
          .isEqualTo("the adapter failed: IllegalStateException: the demo script has a bug");
      assertThat(failures()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void anInterruptedCallerGetsInterruptedAndNoTargetIsBlamed(boolean stream) throws Exception {
    FakeRoutes routes = new FakeRoutes(dir).openai("a", fake).route("a/hang+times=1");
    try (Router router = Router.builder(routes.config()).listener(events::add).build()) {
      CompletableFuture<Thread> caller = new CompletableFuture<>();
      CompletableFuture<ChatResponse> result = new CompletableFuture<>();
      Thread.ofVirtual()
          .start(
              () -> {
                caller.complete(Thread.currentThread());
                try {
                  result.complete(call(router, stream));
                } catch (RuntimeException e) {
                  result.completeExceptionally(e);
                }
              });
      fake.awaitAttempts(1, Duration.ofSeconds(30)); // the request is out, and hangs
      caller.get().interrupt();

      assertThatThrownBy(() -> result.get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOfSatisfying(
              LlmCallException.class,
              e -> {
                assertThat(e.failure()).isEqualTo(LlmCallException.Failure.INTERRUPTED);
                assertThat(outcomes(e.attempts())).containsExactly("a:abandoned");
              });
      assertThat(failures()).containsExactly(LlmCallException.Failure.INTERRUPTED);
      // neither silent nor failed: no cool-down, no circuit failure, served at once next time
      assertThat(stateOf(router, 0)).isEqualTo(new TargetState.Closed());
      assertThat(outcomes(call(router, stream).attempts())).containsExactly("a:ok");
    }
  }

  @Test
  void aCallInterruptedWhileItWaitsGetsInterrupted() throws Exception {
    VirtualTime time = VirtualTime.manual();
    try (FakeProvider limited = FakeProvider.builder().time(time).start();
        Router router =
            FakeRoutes.onTime(
                    Router.builder(
                            new FakeRoutes(dir)
                                .openai("a", limited)
                                .route("a/status=429+retry-after=3+times=1")
                                .config())
                        .listener(events::add),
                    time)
                .build()) {
      CompletableFuture<Thread> caller = new CompletableFuture<>();
      CompletableFuture<ChatResponse> result = new CompletableFuture<>();
      Thread.ofVirtual()
          .start(
              () -> {
                caller.complete(Thread.currentThread());
                try {
                  result.complete(call(router, false));
                } catch (RuntimeException e) {
                  result.completeExceptionally(e);
                }
              });
      // the call sits out the stated wait: nobody moves the clock, so it sleeps until told
      assertThat(time.awaitSleepers(1, Duration.ofSeconds(30))).isTrue();
      caller.get().interrupt();

      assertThatThrownBy(() -> result.get(30, TimeUnit.SECONDS))
          .cause()
          .isInstanceOfSatisfying(
              LlmCallException.class,
              e -> {
                assertThat(e.failure()).isEqualTo(LlmCallException.Failure.INTERRUPTED);
                assertThat(e.getMessage()).contains("interrupted while the call waited");
              });
      assertThat(limited.attempts()).hasSize(1);
      assertThat(time.elapsed()).isZero();
    }
  }
}
