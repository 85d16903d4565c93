package dev.socra.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.llm.ChatRequest;
import dev.socra.llm.LlmCallException;
import dev.socra.llm.Router;
import dev.socra.llm.config.ConfigLoader;
import dev.socra.llm.testkit.FakeProvider;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real router against a fake provider, its events turned into spans held in memory. */
class AttemptSpansTest {
  static final Map<String, String> TAGS =
      Map.of(
          ChatRequest.TAG_USER, "user-0b6a1c",
          ChatRequest.TAG_SESSION, "session-9d2f",
          ChatRequest.TAG_STAGE, "interview-question");

  @TempDir Path dir;
  @AutoClose FakeProvider fake = FakeProvider.start(0);
  final InMemorySpanExporter exported = InMemorySpanExporter.create();
  final SdkTracerProvider tracing =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build();

  @AfterEach
  void stopTracing() {
    tracing.shutdown().join(5, TimeUnit.SECONDS);
  }

  Router router(Map<String, String> env) {
    Router[] holder = new Router[1];
    AttemptSpans spans = new AttemptSpans(tracing.get("test"), t -> holder[0].config().provider(t));
    holder[0] = Router.builder(ConfigLoader.load(env)).listener(spans::onEvent).build();
    return holder[0];
  }

  static ChatRequest request() {
    return ChatRequest.of("Who pays first?").withMaxTokens(100).withTags(TAGS);
  }

  List<SpanData> named(String prefix) {
    return exported.getFinishedSpanItems().stream()
        .filter(s -> s.getName().startsWith(prefix))
        .toList();
  }

  static <T> T attr(SpanData s, String key, Class<T> type) {
    for (var e : s.getAttributes().asMap().entrySet()) {
      if (e.getKey().getKey().equals(key)) {
        return type.cast(e.getValue());
      }
    }
    return null;
  }

  @Test
  void aFailOverIsOneCallSpanWithAClientSpanPerAttempt() throws Exception {
    fake.setBehaviour("flaky", "status=503");
    try (Router router =
        router(FakeConfig.write(dir, fake, "default: [fake/flaky, fake/ok]", ""))) {
      var response = router.complete(request());

      List<SpanData> chats = named("chat ");
      assertThat(chats).extracting(SpanData::getName).containsExactly("chat flaky", "chat ok");
      SpanData call = named("socra.llm.call").getFirst();
      assertThat(chats)
          .allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(call.getSpanId()));
      assertThat(chats).allSatisfy(s -> assertThat(s.getKind()).isEqualTo(SpanKind.CLIENT));

      SpanData failed = chats.get(0);
      assertThat(attr(failed, "gen_ai.operation.name", String.class)).isEqualTo("chat");
      assertThat(attr(failed, "gen_ai.provider.name", String.class)).isEqualTo("fake");
      assertThat(attr(failed, "gen_ai.request.model", String.class)).isEqualTo("flaky");
      assertThat(attr(failed, "error.type", String.class)).isEqualTo("overloaded");
      assertThat(attr(failed, "http.response.status_code", Long.class)).isEqualTo(503L);
      assertThat(attr(failed, "server.address", String.class)).isEqualTo("127.0.0.1");
      assertThat(attr(failed, "server.port", Long.class)).isEqualTo((long) fake.port());
      assertThat(attr(failed, "gen_ai.response.model", String.class)).isNull();
      assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);

      SpanData served = chats.get(1);
      var attempt = response.attempts().getLast();
      assertThat(attr(served, "gen_ai.response.model", String.class)).isEqualTo("ok");
      assertThat(attr(served, "gen_ai.usage.input_tokens", Long.class))
          .isEqualTo((long) attempt.usage().inputTokens())
          .isPositive();
      assertThat(attr(served, "gen_ai.usage.output_tokens", Long.class))
          .isEqualTo((long) attempt.usage().outputTokens())
          .isPositive();
      assertThat(attr(served, "gen_ai.conversation.id", String.class)).isEqualTo("session-9d2f");
      assertThat(attr(served, "socra.stage", String.class)).isEqualTo("interview-question");
      assertThat(attr(served, "socra.attempt", Long.class)).isEqualTo(2L);
      assertThat(attr(served, "error.type", String.class)).isNull();
      assertThat(served.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
      // the span is the attempt's own time, not the time the event was heard
      long start =
          TimeUnit.SECONDS.toNanos(attempt.startedAt().getEpochSecond())
              + attempt.startedAt().getNano();
      assertThat(served.getStartEpochNanos()).isEqualTo(start);
      assertThat(served.getEndEpochNanos() - served.getStartEpochNanos())
          .isEqualTo(attempt.latency().toNanos());

      assertThat(attr(call, "socra.result", String.class)).isEqualTo("ok");
      assertThat(attr(call, "socra.served_by", String.class)).isEqualTo("fake/ok");
      assertThat(call.getKind()).isEqualTo(SpanKind.INTERNAL);
      // no user id on any span: traces leave the server
      assertThat(exported.getFinishedSpanItems())
          .allSatisfy(
              s -> assertThat(s.getAttributes().asMap().values()).doesNotContain("user-0b6a1c"));
    }
  }

  @Test
  void aSkippedTargetIsAnEventOfItsCallAndAFailedCallIsAnError() throws Exception {
    fake.setBehaviour("broken", "status=401");
    try (Router router = router(FakeConfig.write(dir, fake, "default: [fake/broken]", ""))) {
      try {
        router.complete(request());
      } catch (LlmCallException expected) {
        // the key is rejected: the target is disabled
      }
      exported.reset();
      try {
        router.complete(request());
      } catch (LlmCallException expected) {
        // now it is skipped
      }
      assertThat(named("chat ")).isEmpty();
      SpanData call = named("socra.llm.call").getFirst();
      assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(attr(call, "error.type", String.class)).isEqualTo("all_targets_failed");
      assertThat(call.getEvents()).hasSize(1);
      assertThat(call.getEvents().getFirst().getName()).isEqualTo("target skipped");
      assertThat(
              call.getEvents()
                  .getFirst()
                  .getAttributes()
                  .get(AttributeKey.stringKey("socra.target")))
          .isEqualTo("fake/broken");
    }
  }

  @Test
  void knownProvidersGetTheConventionsNames() throws Exception {
    Map<String, String> env =
        new java.util.HashMap<>(FakeConfig.write(dir, fake, "other: [fake/ok]", ""));
    env.put("OPENAI_API_KEY", FakeConfig.KEY);
    env.put("OPENAI_BASE_URL", fake.openAiBaseUrl());
    env.put("OPENAI_MODEL", "gpt-4o-mini");
    try (Router router = router(env)) {
      router.complete(request());
      SpanData chat = named("chat ").getFirst();
      assertThat(attr(chat, "gen_ai.provider.name", String.class)).isEqualTo("openai");
      assertThat(attr(chat, "gen_ai.system", String.class)).isEqualTo("openai");
      assertThat(attr(chat, "gen_ai.request.model", String.class)).isEqualTo("gpt-4o-mini");
    }
  }
}
