package dev.socra.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socra.llm.testkit.FakeProvider;
import dev.socra.llm.testkit.VirtualTime;
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

  /** A stall limit no loopback stream comes near, so waiting it out would be plain to see. */
  static final Duration STALL = Duration.ofSeconds(60);

  static final String PATIENT =
      "timeouts: { first_token: 60s, stall: 60s, response: 60s, connect: 10s, deadline: 120s }\n";

  /** For a stall that never ends: a second is far above any gap in a healthy loopback stream. */
  static final String SHORT_STALL =
      "timeouts: { first_token: 30s, stall: 1s, response: 30s, connect: 10s, deadline: 20s }\n";

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
            .route("a/" + fault, "noprefill/ok", "c/ok")
            .settings(fault.startsWith("stall") ? SHORT_STALL : FakeRoutes.PATIENT_LIMITS);
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
  void noFirstTokenWithinItsLimitIsSilence() {
    // headers, then nothing for ever: any first-token limit passes, however loaded the machine
    FakeRoutes routes =
        new FakeRoutes(dir)
            .openai("a", fake)
            .route("a/stall-after=0")
            .settings("timeouts: { first_token: 300ms }\n");
    try (Router router = routes.router()) {
      assertThatThrownBy(() -> stream(router, new StringBuilder()))
          .isInstanceOfSatisfying(
              LlmCallException.class,
              e ->
                  assertThat(e.attempts())
                      .singleElement()
                      .satisfies(a -> assertThat(a.outcome().kind()).isEqualTo("silent"))
                      .satisfies(
                          a ->
                              assertThat(a.outcome().detail())
                                  .isEqualTo("no first token within 0.3s")));
    }
  }

  @Test
  void timeToFirstTokenIsMeasuredOnTheRoutersClock() {
    VirtualTime time = VirtualTime.automatic();
    try (FakeProvider slow = FakeProvider.builder().time(time).start();
        Router router =
            new FakeRoutes(dir).openai("a", slow).route("a/slow-first=3000").router(time)) {
      ChatResponse r = stream(router, new StringBuilder());
      assertThat(r.text()).isEqualTo(ANSWER);
      assertThat(r.attempts().getFirst().timeToFirstToken()).isEqualTo(Duration.ofSeconds(3));
      assertThat(r.attempts().getFirst().latency()).isEqualTo(Duration.ofSeconds(3));
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
      ChatResponse r = stream(router, new StringBuilder());
      assertThat(r.text()).isEqualTo(ANSWER);
      assertThat(outcomes(r)).containsExactly("a:ok");
      // it did not wait out the stall limit for a [DONE] that never comes
      assertThat(r.attempts().getFirst().latency()).isLessThan(STALL);
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
      ChatResponse r = stream(router, new StringBuilder());
      assertThat(r.text()).isEqualTo(ANSWER);
      assertThat(outcomes(r)).containsExactly("a:ok");
      assertThat(r.usage().estimated()).isFalse();
      // it finished on the finish reason, not at the stall limit of a connection left open
      assertThat(r.attempts().getFirst().latency()).isLessThan(STALL);
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
