package dev.socra.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socra.llm.testkit.FakeProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Streams: before the first token a failure is invisible; after it the answer continues on a target
 * that takes a prefill, seamlessly; where none can, the call ends with an explicit error.
 */
class RouterStreamTest {
  static final String PROMPT = "How will the first hundred customers find you?";
  static final String ANSWER = FakeProvider.canonicalAnswer(PROMPT, 12);

  /** Limits long enough that finishing early is visible on a loaded machine. */
  static final String PATIENT =
      "timeouts: { first_token: 5s, stall: 5s, response: 5s, connect: 1s, deadline: 20s }\n";

  @TempDir Path dir;
  @AutoClose FakeProvider fake = FakeProvider.start(0);

  private ChatResponse stream(Router router, StringBuilder seen) {
    return router.stream(ChatRequest.of(PROMPT), seen::append);
  }

  private static List<String> outcomes(ChatResponse r) {
    return r.attempts().stream()
        .map(a -> a.target().provider() + ":" + a.outcome().kind())
        .toList();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cut-after=3",
        "stall-after=3",
        "malformed-after=3",
        "inband-error=overloaded_error+inband-after=3"
      })
  void aBreakAfterTheFirstTokenContinuesSeamlesslyOnAPrefillTarget(String fault) {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .openai("a", fake)
            .openai("noprefill", fake)
            .anthropic("c", fake)
            .route("a/" + fault, "noprefill/ok", "c/ok");
    try (Router router = routes.router()) {
      StringBuilder seen = new StringBuilder();
      ChatResponse r = stream(router, seen);
      assertThat(seen.toString()).isEqualTo(ANSWER);
      assertThat(r.text()).isEqualTo(ANSWER);
      assertThat(r.continued()).isTrue();
      assertThat(outcomes(r)).endsWith("noprefill:skipped", "c:ok");
      assertThat(r.attempts().getLast().continuation()).isTrue();
      assertThat(fake.attempts().getLast().prefill()).isTrue();
    }
  }

  @Test
  void anAnthropicInBandOverloadMidStreamContinuesElsewhere() {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .anthropic("c", fake)
            .anthropic("d", fake)
            .route("c/inband-error=overloaded_error+inband-after=4", "d/ok");
    try (Router router = routes.router()) {
      StringBuilder seen = new StringBuilder();
      ChatResponse r = stream(router, seen);
      assertThat(seen.toString()).isEqualTo(ANSWER);
      assertThat(outcomes(r)).containsExactly("c:overloaded", "d:ok");
    }
  }

  @Test
  void aPrefillIsSentWithoutTrailingWhitespaceAsAnthropicRequires() {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .anthropic("c", fake)
            .anthropic("d", fake)
            .route("c/cut-after=5", "d/strict-prefill");
    try (Router router = routes.router()) {
      StringBuilder seen = new StringBuilder();
      ChatResponse r = stream(router, seen);
      assertThat(seen.toString()).isEqualTo(ANSWER);
      assertThat(r.servedBy().provider()).isEqualTo("d");
    }
  }

  @Test
  void whenNoTargetCanContinueTheStreamEndsWithAnExplicitError() {
    FakeRoutes routes =
        new FakeRoutes(dir).openai("a", fake).openai("b", fake).route("a/cut-after=4", "b/ok");
    try (Router router = routes.router()) {
      StringBuilder seen = new StringBuilder();
      assertThatThrownBy(() -> stream(router, seen))
          .isInstanceOfSatisfying(
              LlmCallException.class,
              e -> {
                assertThat(e.failure()).isEqualTo(LlmCallException.Failure.STREAM_INTERRUPTED);
                assertThat(e.partialText()).isEqualTo(seen.toString()).isNotEmpty();
                assertThat(ANSWER).startsWith(e.partialText());
                assertThat(e.partialText()).isNotEqualTo(ANSWER);
              })
          .hasMessageContaining("cut off");
    }
  }

  @Test
  void aFailureBeforeTheFirstTokenIsInvisible() {
    FakeRoutes routes =
        new FakeRoutes(dir).openai("a", fake).openai("b", fake).route("a/cut-after=0", "b/ok");
    try (Router router = routes.router()) {
      StringBuilder seen = new StringBuilder();
      ChatResponse r = stream(router, seen);
      assertThat(seen.toString()).isEqualTo(ANSWER);
      assertThat(r.continued()).isFalse();
    }
  }

  @Test
  void aSlowFirstTokenIsSilence() {
    FakeRoutes routes =
        new FakeRoutes(dir).openai("a", fake).openai("b", fake).route("a/slow-first=3000", "b/ok");
    try (Router router = routes.router()) {
      long t0 = System.nanoTime();
      ChatResponse r = stream(router, new StringBuilder());
      assertThat(outcomes(r)).containsExactly("a:silent", "b:ok");
      assertThat(r.attempts().getFirst().outcome().detail()).contains("first token");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2500));
    }
  }

  @Test
  void aCleanEndWithoutDoneIsFinalisedAtOnce() {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .openai("a", fake)
            .anthropic("c", fake)
            .route("a/no-done")
            .settings(PATIENT);
    try (Router router = routes.router()) {
      long t0 = System.nanoTime();
      ChatResponse r = stream(router, new StringBuilder());
      assertThat(r.text()).isEqualTo(ANSWER);
      assertThat(outcomes(r)).containsExactly("a:ok");
      // well under the 5 s stall limit: it did not wait for a [DONE] that never comes
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }
    FakeRoutes anthropic = new FakeRoutes(dir).anthropic("c", fake).route("c/no-done");
    try (Router router = anthropic.router()) {
      assertThat(stream(router, new StringBuilder()).text()).isEqualTo(ANSWER);
    }
  }

  @Test
  void aFinishedStreamOnAnIdleConnectionIsFinalisedAtOnce() {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .openai("a", fake, true, 32_000)
            .anthropic("c", fake)
            .route("a/idle-after-finish", "c/ok")
            .settings(PATIENT);
    try (Router router = routes.router()) {
      long t0 = System.nanoTime();
      ChatResponse r = stream(router, new StringBuilder());
      assertThat(r.text()).isEqualTo(ANSWER);
      assertThat(outcomes(r)).containsExactly("a:ok");
      assertThat(r.usage().estimated()).isFalse();
      // far under the 5 s stall limit: it finished on the finish reason
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }
    FakeRoutes anthropic = new FakeRoutes(dir).anthropic("c", fake).route("c/idle-after-finish");
    try (Router router = anthropic.router()) {
      assertThat(stream(router, new StringBuilder()).text()).isEqualTo(ANSWER);
    }
  }

  @Test
  void aRejectedPrefillMovesToTheNextTargetThatCanContinue() {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .anthropic("a", fake)
            .anthropic("b", fake)
            .anthropic("c", fake)
            .route("a/cut-after=3", "b/reject-prefill", "c/ok");
    try (Router router = routes.router()) {
      StringBuilder seen = new StringBuilder();
      ChatResponse r = stream(router, seen);
      assertThat(seen.toString()).isEqualTo(ANSWER);
      assertThat(r.servedBy().provider()).isEqualTo("c");
    }
  }

  @Test
  void usageIsEstimatedAndMarkedWhenTheProviderReportsNone() {
    FakeRoutes routes = new FakeRoutes(dir).openai("a", fake).route("a/no-usage");
    try (Router router = routes.router()) {
      ChatResponse r = stream(router, new StringBuilder());
      assertThat(r.usage().estimated()).isTrue();
      assertThat(r.usage().outputTokens()).isPositive();
      assertThat(r.usage().inputTokens()).isPositive();
      assertThat(r.cost()).isPositive();
    }
  }
}
