package dev.socra.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.socra.llm.route.TargetId;
import dev.socra.llm.route.TargetState;
import dev.socra.llm.testkit.FakeProvider;
import dev.socra.llm.testkit.SeenRequest;
import dev.socra.llm.testkit.VirtualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The router against fakes as strict as the real APIs: a request one target cannot take goes to the
 * next and is remembered; schemas are enforced where a provider can enforce them and fitted to its
 * subset; quota is not a rate limit; refusals are refusals.
 */
class RouterProvidersTest {
  static final String PROMPT = "Who pays for this, and how often?";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  @AutoClose FakeProvider fake = FakeProvider.start(0);

  /** A schema as core generates them: $defs/$ref, closed objects, every property required. */
  static ObjectNode coreLikeSchema() {
    ObjectNode schema = JSON.createObjectNode().put("type", "object");
    ObjectNode props = schema.putObject("properties");
    props.putObject("question").put("type", "string").put("minLength", 1);
    props.putObject("score").put("$ref", "#/$defs/Score");
    schema.putArray("required").add("question").add("score");
    schema.put("additionalProperties", false);
    ObjectNode score = schema.putObject("$defs").putObject("Score").put("type", "object");
    score.putObject("properties").putObject("value").put("type", "integer");
    score.putArray("required").add("value");
    score.put("additionalProperties", false);
    return schema;
  }

  static ChatRequest structured(ObjectNode schema) {
    return ChatRequest.of(PROMPT)
        .withMaxTokens(200)
        .withFormat(new ResponseFormat.JsonSchema("TurnEvaluation", schema));
  }

  private static List<String> outcomes(ChatResponse r) {
    return r.attempts().stream()
        .map(a -> a.target().provider() + ":" + a.outcome().kind())
        .toList();
  }

  private SeenRequest lastSeen(String model) {
    return fake.attempts().stream().filter(a -> a.model().equals(model)).toList().getLast();
  }

  /** Gemini's compatibility path, declared (wrongly) as taking full JSON Schema. */
  private FakeRoutes geminiDeclaredAsFullJsonSchema() {
    return new FakeRoutes(dir)
        .provider(
            "gem",
            "openai",
            fake.geminiBaseUrl(),
            1_000_000,
            "{ json_schema: true, json_object: true, schema_dialect: openai }",
            "")
        .provider(
            "b",
            "openai",
            fake.openAiBaseUrl(),
            128_000,
            "{ json_schema: true, json_object: true }",
            "");
  }

  @Test
  void aSchemaATargetCannotTakeGoesToTheNextTargetAndThatTargetGetsJsonModeFromThenOn() {
    try (Router router = geminiDeclaredAsFullJsonSchema().route("gem/ok", "b/ok").router()) {
      ChatResponse first = router.complete(structured(coreLikeSchema()));
      assertThat(outcomes(first)).containsExactly("gem:unsupported", "b:ok");
      assertThat(first.attempts().getFirst().outcome().detail())
          .contains("INVALID_ARGUMENT")
          .contains("Unknown name");

      ChatResponse second = router.complete(structured(coreLikeSchema()));
      assertThat(outcomes(second)).containsExactly("gem:ok");
      assertThat(lastSeen("ok").format()).isEqualTo("json_object");
      assertThat(router.capabilities(TargetId.parse("gem/ok", n -> null)).jsonSchema()).isFalse();
    }
  }

  @Test
  void aPlainRequestATargetCouldNotTakeOnceDoesNotShutItOutOfPlainCalls() {
    try (Router router =
        geminiDeclaredAsFullJsonSchema().route("gem/status=400+times=1", "b/ok").router()) {
      ChatResponse first = router.complete(ChatRequest.of(PROMPT));
      assertThat(outcomes(first)).containsExactly("gem:unsupported", "b:ok");
      assertThat(first.attempts().getFirst().outcome().detail())
          .contains("Request contains an invalid argument.");
      assertThat(outcomes(router.complete(ChatRequest.of(PROMPT)))).containsExactly("gem:ok");
    }
  }

  @Test
  void aGeminiModelGetsTheSchemaFittedToGeminisSubsetAndTakesItTheFirstTime() {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .provider(
                "gem", "openai", fake.geminiBaseUrl(), 1_000_000, "{ json_schema: true }", "");
    try (Router router = routes.route("gem/gemini-2.5-flash-lite").router()) {
      ChatResponse r = router.complete(structured(coreLikeSchema()));
      assertThat(outcomes(r)).containsExactly("gem:ok");
      SeenRequest seen = fake.attempts().getLast();
      assertThat(seen.status()).isEqualTo(200);
      assertThat(seen.format()).isEqualTo("json_schema");
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aContentRefusalStillStopsTheCallWithTheProvidersReason(boolean stream) {
    try (Router router =
        geminiDeclaredAsFullJsonSchema()
            .route("gem/status=400+code=content_filter", "b/ok")
            .router()) {
      ChatRequest request = ChatRequest.of(PROMPT);
      assertThatThrownBy(
              () -> {
                if (stream) {
                  router.stream(request, t -> {});
                } else {
                  router.complete(request);
                }
              })
          .isInstanceOfSatisfying(
              LlmCallException.class,
              e -> assertThat(e.failure()).isEqualTo(LlmCallException.Failure.REFUSED))
          .hasMessageContaining("safety");
      assertThat(fake.attempts()).hasSize(1);
    }
  }

  @Test
  void aPrefillAModelBansIsRefusedOnceAndNeverSentToThatModelAgain() {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .openai("a", fake)
            .provider(
                "c",
                "anthropic",
                fake.anthropicBaseUrl(),
                200_000,
                "{ prefill: true }",
                // declared before the model stopped taking prefill
                "    models: { claude-sonnet-4-6: { prefill: true } }\n")
            .anthropic("d", fake);
    try (Router router = routes.route("a/cut-after=3", "c/claude-sonnet-4-6", "d/ok").router()) {
      StringBuilder seen = new StringBuilder();
      ChatResponse first = router.stream(ChatRequest.of(PROMPT), seen::append);
      assertThat(outcomes(first)).containsExactly("a:transient", "c:unsupported", "d:ok");
      assertThat(first.text()).isEqualTo(FakeProvider.canonicalAnswer(PROMPT, 12));
      TargetId sonnet = TargetId.parse("c/claude-sonnet-4-6", n -> null);
      assertThat(router.capabilities(sonnet).prefill()).isFalse();

      ChatResponse second = router.stream(ChatRequest.of(PROMPT), t -> {});
      assertThat(outcomes(second)).doesNotContain("c:unsupported").endsWith("d:ok");
      assertThat(fake.attempts()).filteredOn(a -> a.model().equals("claude-sonnet-4-6")).hasSize(1);
    }
  }

  @Test
  void aStrictSchemaIsSentWhereTheProviderEnforcesItWithinItsSubset() {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .provider(
                "o",
                "openai",
                fake.openAiBaseUrl(),
                128_000,
                "{ json_schema: true, strict_schema: true }",
                "");
    try (Router router = routes.route("o/ok").router()) {
      ChatResponse r = router.complete(structured(coreLikeSchema()));
      assertThat(outcomes(r)).containsExactly("o:ok");
      // minLength is outside strict mode's subset: dropped, and the caller still validates it
      assertThat(fake.attempts().getLast().format()).isEqualTo("json_schema strict");

      ObjectNode optional = coreLikeSchema();
      optional.putArray("required").add("question"); // score is optional: strict would change that
      router.complete(structured(optional));
      assertThat(fake.attempts().getLast().format()).isEqualTo("json_schema");
      assertThat(fake.attempts().getLast().status()).isEqualTo(200);
    }
  }

  @Test
  void groqGetsAStrictSchemaOnGptOssAndJsonModeOnLlama() {
    FakeRoutes routes =
        new FakeRoutes(dir).provider("groq", "openai", fake.groqBaseUrl(), 131_072, "{}", "");
    try (Router router =
        routes.route("groq/openai/gpt-oss-20b", "groq/llama-3.1-8b-instant").router()) {
      assertThat(outcomes(router.complete(structured(coreLikeSchema()))))
          .containsExactly("groq:ok");
      assertThat(lastSeen("openai/gpt-oss-20b").format()).isEqualTo("json_schema strict");
      ChatResponse llama =
          router.complete(
              structured(coreLikeSchema())
                  .avoiding(TargetId.parse("groq/openai/gpt-oss-20b", n -> null)));
      assertThat(llama.servedBy().model()).isEqualTo("llama-3.1-8b-instant");
      assertThat(lastSeen("llama-3.1-8b-instant").format()).isEqualTo("json_object");
    }
  }

  @Test
  void aReasoningModelGetsMaxCompletionTokensAndAWrongDeclarationIsCorrectedAfterOneRefusal() {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .provider("o", "openai", fake.openAiBaseUrl(), 128_000, "{}", "")
            .provider(
                "old",
                "openai",
                fake.openAiBaseUrl(),
                128_000,
                "{}",
                "    models: { \"o4*\": { token_limit: max_tokens } }\n")
            .openai("b", fake);
    try (Router router = routes.route("o/o3-mini", "old/o4-mini", "b/ok").router()) {
      assertThat(outcomes(router.complete(ChatRequest.of(PROMPT)))).containsExactly("o:ok");
      assertThat(lastSeen("o3-mini").tokenField()).isEqualTo("max_completion_tokens");

      ChatRequest toOld = ChatRequest.of(PROMPT).avoiding(TargetId.parse("o/o3-mini", n -> null));
      ChatResponse first = router.complete(toOld);
      assertThat(outcomes(first)).containsExactly("o:skipped", "old:unsupported", "b:ok");
      ChatResponse second = router.complete(toOld);
      assertThat(outcomes(second)).containsExactly("o:skipped", "old:ok");
      assertThat(lastSeen("o4-mini").tokenField()).isEqualTo("max_completion_tokens");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"day", "zero"})
  void aSpentGeminiQuotaIsExhaustionWithALongCoolDownNotAWaitOfItsRetryDelay(String kind) {
    VirtualTime time = VirtualTime.automatic();
    try (FakeProvider timed = FakeProvider.builder().time(time).start();
        Router router =
            new FakeRoutes(dir)
                .provider("gem", "openai", timed.geminiBaseUrl(), 1_000_000, "{}", "")
                .openai("b", timed)
                .route("gem/gemini-quota=" + kind, "b/ok")
                .router(time)) {
      ChatResponse r = router.complete(ChatRequest.of(PROMPT));
      assertThat(outcomes(r)).containsExactly("gem:quota", "b:ok");
      assertThat(r.attempts().getFirst().outcome().detail())
          .contains(kind.equals("day") ? "per-day quota" : "not on this account's tier");
      TargetState state = router.describe().routes().get("default").getFirst().state();
      java.time.Instant now = time.clock().instant();
      java.time.Instant expected =
          kind.equals("day")
              ? LocalDate.from(now.atZone(ZoneId.of("America/Los_Angeles")))
                  .plusDays(1)
                  .atStartOfDay(ZoneId.of("America/Los_Angeles"))
                  .toInstant()
              : now.plus(Duration.ofDays(1));
      assertThat(state)
          .isInstanceOfSatisfying(
              TargetState.CoolingDown.class,
              c -> {
                assertThat(c.reason()).isEqualTo("quota exhausted");
                // never before the quota's own end, and far past its 25 s retryDelay
                assertThat(c.until()).isAfterOrEqualTo(expected.minusSeconds(1));
                assertThat(c.until()).isAfter(now.plus(Duration.ofHours(1).minusSeconds(1)));
              });
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aRefusalTheModelWritesIsARefusalNotAnEmptyAnswer(boolean stream) {
    try (Router router =
        new FakeRoutes(dir)
            .openai("a", fake)
            .openai("b", fake)
            .route("a/refusal", "b/ok")
            .router()) {
      assertThatThrownBy(
              () -> {
                if (stream) {
                  router.stream(ChatRequest.of(PROMPT), t -> {});
                } else {
                  router.complete(ChatRequest.of(PROMPT));
                }
              })
          .isInstanceOfSatisfying(
              LlmCallException.class,
              e -> assertThat(e.failure()).isEqualTo(LlmCallException.Failure.REFUSED))
          .hasMessageContaining("I'm sorry, but I can't help with that.");
    }
  }

  @Test
  void groqSaysWhyItStoppedAStreamAndTheNextTargetAnswers() {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .provider("groq", "openai", fake.groqBaseUrl(), 131_072, "{}", "")
            .openai("b", fake);
    try (Router router =
        routes
            .route(
                "groq/llama-3.1-8b-instant+groq-error=model over capacity+inband-after=0", "b/ok")
            .router()) {
      ChatResponse r = router.stream(ChatRequest.of(PROMPT), t -> {});
      assertThat(r.servedBy().provider()).isEqualTo("b");
      assertThat(r.attempts().getFirst().outcome().detail()).contains("model over capacity");
    }
  }

  @Test
  void aStreamWhoseUsageComesLongAfterItsFinishReasonIsReadToItsEnd() {
    FakeRoutes routes =
        new FakeRoutes(dir)
            .provider(
                "a",
                "openai",
                fake.openAiBaseUrl(),
                128_000,
                "{}",
                "    stream_end_marker: true\n");
    try (Router router = routes.route("a/slow-end=1500").router()) {
      ChatResponse r = router.stream(ChatRequest.of(PROMPT), t -> {});
      assertThat(outcomes(r)).containsExactly("a:ok");
      // the usage chunk came 1.5 s after the finish reason, far past the 250 ms grace
      assertThat(r.usage().estimated()).isFalse();
      assertThat(r.usage().outputTokens()).isEqualTo(12);
    }
  }
}
