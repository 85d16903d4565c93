package dev.socra.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.testkit.FakeProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request's tags (for whom, for what) reach every event of its call, and never a provider: the
 * ledger and the metrics hear them on each attempt, skipped, failed, retried or continued.
 */
class RouterTagsTest {
  static final String PROMPT = "Who will pay first, and why them?";
  static final Map<String, String> TAGS =
      Map.of(
          ChatRequest.TAG_USER, "user-42",
          ChatRequest.TAG_SESSION, "session-7",
          ChatRequest.TAG_STAGE, "specialist-market");

  @TempDir Path dir;
  @AutoClose FakeProvider fake = FakeProvider.start(0);

  private final List<RouterEvent> events = new CopyOnWriteArrayList<>();

  private Router router(FakeRoutes routes) {
    return Router.builder(routes.config()).listener(events::add).build();
  }

  private static ChatRequest request() {
    return ChatRequest.of(PROMPT).withMaxTokens(200).withTags(TAGS);
  }

  private static ChatResponse call(Router router, boolean stream) {
    return stream ? router.stream(request(), t -> {}) : router.complete(request());
  }

  private List<RouterEvent.AttemptFinished> attempts() {
    return events.stream()
        .filter(RouterEvent.AttemptFinished.class::isInstance)
        .map(RouterEvent.AttemptFinished.class::cast)
        .toList();
  }

  private static List<String> outcomes(List<RouterEvent.AttemptFinished> attempts) {
    return attempts.stream()
        .map(a -> a.attempt().target().provider() + ":" + a.attempt().outcome().kind())
        .toList();
  }

  @Test
  void tagsAreAnImmutableCopyCarriedByEveryChange() {
    Map<String, String> mutable = new java.util.HashMap<>(TAGS);
    ChatRequest r = ChatRequest.of(PROMPT).withTags(mutable);
    mutable.put("user", "someone else");
    assertThat(r.tags()).isEqualTo(TAGS);
    assertThatThrownBy(() -> r.tags().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    ChatRequest changed =
        r.withSystem("s")
            .withMaxTokens(10)
            .withFormat(ResponseFormat.JSON)
            .withRoute("other")
            .withDeadline(java.time.Duration.ofSeconds(3))
            .withMessages(List.of(Message.user("again")))
            .avoiding(new dev.socra.llm.route.TargetId("a", "ok"));
    assertThat(changed.tags()).isEqualTo(TAGS);
    assertThat(changed.withTag(ChatRequest.TAG_STAGE, "deck").tags())
        .containsEntry(ChatRequest.TAG_STAGE, "deck")
        .containsEntry(ChatRequest.TAG_USER, "user-42");
    assertThat(changed.withTag(ChatRequest.TAG_STAGE, null).tags())
        .doesNotContainKey(ChatRequest.TAG_STAGE)
        .hasSize(2);
    assertThat(ChatRequest.of(PROMPT).tags()).isEmpty();
    assertThat(new ChatRequest(null, List.of(Message.user("x")), 5, null, null, null, null).tags())
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aFailedThenFailedOverCallTagsEveryAttemptAndItsSuccess(boolean stream) {
    FakeRoutes routes =
        new FakeRoutes(dir).openai("a", fake).openai("b", fake).route("a/status=503", "b/ok");
    try (Router router = router(routes)) {
      ChatResponse r = call(router, stream);
      assertThat(outcomes(attempts())).containsExactly("a:overloaded", "b:ok");
      assertThat(attempts()).allSatisfy(a -> assertThat(a.tags()).isEqualTo(TAGS));
      assertThat(events)
          .filteredOn(RouterEvent.CallSucceeded.class::isInstance)
          .singleElement()
          .isInstanceOfSatisfying(
              RouterEvent.CallSucceeded.class,
              s -> {
                assertThat(s.tags()).isEqualTo(TAGS);
                assertThat(s.response()).isEqualTo(r);
              });
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aFailedCallTagsItsFailureAndEveryAttemptSkippedRetriedOrFailed(boolean stream) {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .openai("small", fake, false, 5)
            .openai("a", fake)
            .openai("b", fake)
            .route("small/ok", "a/status=500", "b/status=401");
    try (Router router = router(routes)) {
      assertThatThrownBy(() -> call(router, stream)).isInstanceOf(LlmCallException.class);
      assertThat(outcomes(attempts()))
          .containsExactly("small:skipped", "a:transient", "a:transient", "b:auth");
      assertThat(attempts()).allSatisfy(a -> assertThat(a.tags()).isEqualTo(TAGS));
      assertThat(events)
          .filteredOn(RouterEvent.CallFailed.class::isInstance)
          .singleElement()
          .isInstanceOfSatisfying(
              RouterEvent.CallFailed.class,
              f -> {
                assertThat(f.tags()).isEqualTo(TAGS);
                assertThat(f.error().failure())
                    .isEqualTo(LlmCallException.Failure.ALL_TARGETS_FAILED);
              });
      assertThat(events).noneMatch(RouterEvent.CallSucceeded.class::isInstance);
    }
  }

  @Test
  void aStreamContinuedElsewhereTagsTheSkippedTargetAndTheContinuation() {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .openai("a", fake)
            .openai("noprefill", fake)
            .anthropic("c", fake)
            .route("a/cut-after=3", "noprefill/ok", "c/ok");
    try (Router router = router(routes)) {
      ChatResponse r = call(router, true);
      assertThat(r.continued()).isTrue();
      assertThat(outcomes(attempts())).endsWith("noprefill:skipped", "c:ok");
      assertThat(attempts().getLast().attempt().continuation()).isTrue();
      assertThat(attempts()).allSatisfy(a -> assertThat(a.tags()).isEqualTo(TAGS));
    }
  }

  @Test
  void aCallerWhoStopsTheStreamGetsATaggedFailure() {
    FakeRoutes routes = new FakeRoutes(dir).openai("a", fake).route("a/ok");
    try (Router router = router(routes)) {
      assertThatThrownBy(
              () ->
                  router.stream(
                      request(),
                      t -> {
                        throw new IllegalStateException("the client went away");
                      }))
          .isInstanceOf(IllegalStateException.class);
      assertThat(events)
          .filteredOn(RouterEvent.CallFailed.class::isInstance)
          .singleElement()
          .isInstanceOfSatisfying(
              RouterEvent.CallFailed.class,
              f -> {
                assertThat(f.tags()).isEqualTo(TAGS);
                assertThat(f.error().failure()).isEqualTo(LlmCallException.Failure.CALLER_ABORTED);
              });
    }
  }

  @Test
  void tagsAreNeverSentToAProvider() throws IOException {
    List<String> bodies = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] answer =
              ("{\"id\":\"x\",\"object\":\"chat.completion\",\"model\":\"ok\",\"choices\":[{\"index\":0,"
                      + "\"message\":{\"role\":\"assistant\",\"content\":\"Parents.\"},"
                      + "\"finish_reason\":\"stop\"}],"
                      + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
      FakeRoutes routes = new FakeRoutes(dir).openaiAt("own", url).route("own/ok");
      try (Router router = router(routes)) {
        assertThat(router.complete(request()).text()).isEqualTo("Parents.");
      }
    } finally {
      server.stop(0);
    }
    assertThat(bodies).singleElement().asString().contains(PROMPT);
    for (String value : TAGS.values()) {
      assertThat(bodies.getFirst()).doesNotContain(value);
    }
    // neither as tags nor as OpenAI's own end-user field
    assertThat(bodies.getFirst()).doesNotContain("\"tags\"").doesNotContain("\"user\":");
  }
}
