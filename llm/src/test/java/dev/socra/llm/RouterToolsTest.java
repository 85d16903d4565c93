package dev.socra.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.llm.testkit.FakeProvider;
import dev.socra.llm.testkit.SeenRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tools through the router over both wire formats: the model asks for a tool, the caller sends the
 * result, the model answers; streamed tool calls arrive in pieces; a failure before the first piece
 * moves on unseen, one after it ends the call as interrupted, never with a half-built call.
 */
class RouterToolsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PROMPT = "What is the weather in Lisbon?";
  static final String ARGUMENTS = "{\"city\":\"Lisbon\",\"unit\":\"celsius\"}";
  static final String RESULT = "18 degrees and sunny";
  static final Tool WEATHER = new Tool("get_weather", "The weather in a city now", schema());
  static final String TOOLS = "{ prefill: true, tools: true, vision: true }";

  @TempDir Path dir;
  @AutoClose FakeProvider fake = FakeProvider.start(0);

  static JsonNode schema() {
    try {
      return JSON.readTree(
          "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
              + "\"unit\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static ChatRequest ask() {
    return ChatRequest.of(PROMPT).withTools(List.of(WEATHER), ToolChoice.AUTO, null);
  }

  /** The conversation after the model asked: its call, and the caller's result. */
  static ChatRequest answered(ChatRequest asked, ToolCall call) {
    List<Message> more = new ArrayList<>(asked.messages());
    more.add(Message.assistant("", List.of(call)));
    more.add(Message.toolResult(call.id(), RESULT, false));
    return asked.withMessages(more);
  }

  private FakeRoutes routes() {
    return new FakeRoutes(dir)
        .provider("a", "openai", fake.openAiBaseUrl(), 32_000, TOOLS, "")
        .provider("c", "anthropic", fake.anthropicBaseUrl(), 200_000, TOOLS, "")
        .provider("plain", "openai", fake.openAiBaseUrl(), 32_000, "{ prefill: true }", "")
        .provider(
            "novision",
            "openai",
            fake.openAiBaseUrl(),
            32_000,
            "{ prefill: true, tools: true }",
            "");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "c"})
  void aToolCallRoundTripAsksForTheToolThenAnswersFromItsResult(String provider) {
    fake.scriptToolCall("ok", "get_weather", ARGUMENTS);
    try (Router router = routes().route(provider + "/ok").router()) {
      ChatResponse asked = router.complete(ask());

      assertThat(asked.finishReason()).isEqualTo(ChatResponse.TOOL_CALLS);
      assertThat(asked.text()).isEmpty();
      assertThat(asked.toolCalls()).hasSize(1);
      ToolCall call = asked.toolCalls().getFirst();
      assertThat(call.name()).isEqualTo("get_weather");
      assertThat(json(call.arguments())).isEqualTo(json(ARGUMENTS));
      assertThat(call.id()).isNotBlank();

      ChatResponse answer = router.complete(answered(ask(), call));

      assertThat(answer.toolCalls()).isEmpty();
      assertThat(answer.text()).isEqualTo(FakeProvider.canonicalAnswer(RESULT, 12));
      SeenRequest seen = fake.attempts().getLast();
      assertThat(seen.status()).isEqualTo(200);
      assertThat(seen.endsWithToolResult()).isTrue();
      assertThat(seen.tools()).containsExactly("get_weather");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "c"})
  void aStreamedToolCallArrivesInPiecesThatMakeTheWholeCall(String provider) {
    fake.scriptToolCall("ok", "get_weather", ARGUMENTS);
    try (Router router = routes().route(provider + "/ok").router()) {
      Pieces pieces = new Pieces();
      ChatResponse asked = router.stream(ask(), pieces);

      ToolCall call = asked.toolCalls().getFirst();
      assertThat(asked.finishReason()).isEqualTo(ChatResponse.TOOL_CALLS);
      assertThat(pieces.deltas.size()).as("arguments come in several pieces").isGreaterThan(3);
      assertThat(pieces.deltas.getFirst().id()).isEqualTo(call.id());
      assertThat(pieces.deltas.getFirst().name()).isEqualTo("get_weather");
      assertThat(pieces.arguments(0)).isEqualTo(call.arguments());
      assertThat(json(call.arguments())).isEqualTo(json(ARGUMENTS));
      assertThat(pieces.text).isEmpty();

      StringBuilder text = new StringBuilder();
      ChatResponse answer = router.stream(answered(ask(), call), text::append);
      assertThat(text.toString()).isEqualTo(FakeProvider.canonicalAnswer(RESULT, 12));
      assertThat(answer.toolCalls()).isEmpty();
    }
  }

  @Test
  void aConversationStartedOnOneProtocolIsFinishedOnTheOther() {
    fake.scriptToolCall("ok", "get_weather", ARGUMENTS);
    try (Router openAi = routes().route("a/ok").router()) {
      ToolCall call = openAi.complete(ask()).toolCalls().getFirst();
      assertThat(call.id()).startsWith("call_");
      try (Router anthropic = routes().route("c/ok").router()) {
        // the OpenAI call's id and arguments become Anthropic's tool_use and tool_result
        ChatResponse answer = anthropic.complete(answered(ask(), call));
        assertThat(answer.text()).isEqualTo(FakeProvider.canonicalAnswer(RESULT, 12));
        assertThat(fake.attempts().getLast().protocol()).isEqualTo("anthropic");
        assertThat(fake.attempts().getLast().status()).isEqualTo(200);
      }
    }
  }

  @Test
  void aFailureBeforeTheFirstToolCallPieceMovesOnUnseen() {
    fake.scriptToolCall("cut-after=0", "get_weather", ARGUMENTS);
    fake.scriptToolCall("ok", "get_weather", ARGUMENTS);
    try (Router router = routes().route("a/cut-after=0", "c/ok").router()) {
      Pieces pieces = new Pieces();
      ChatResponse r = router.stream(ask(), pieces);

      assertThat(r.servedBy().provider()).isEqualTo("c");
      assertThat(json(r.toolCalls().getFirst().arguments())).isEqualTo(json(ARGUMENTS));
      assertThat(pieces.arguments(0)).isEqualTo(r.toolCalls().getFirst().arguments());
      assertThat(pieces.deltas.stream().filter(ToolCallDelta::opens)).hasSize(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "c"})
  void aStreamCutInTheMiddleOfAToolCallEndsInterruptedAndNoOtherTargetIsAsked(String first) {
    String second = first.equals("a") ? "c" : "a";
    fake.scriptToolCall("cut-after=2", "get_weather", ARGUMENTS);
    fake.scriptToolCall("ok", "get_weather", ARGUMENTS);
    try (Router router = routes().route(first + "/cut-after=2", second + "/ok").router()) {
      Pieces pieces = new Pieces();

      assertThatThrownBy(() -> router.stream(ask(), pieces))
          .isInstanceOfSatisfying(
              LlmCallException.class,
              e -> {
                assertThat(e.failure()).isEqualTo(LlmCallException.Failure.STREAM_INTERRUPTED);
                assertThat(e.getMessage()).contains("tool call");
                assertThat(e.attempts().getLast().outcome().detail())
                    .contains("cannot continue a tool call");
              });
      // the caller saw the call open and a piece of it, and never a finished call
      assertThat(pieces.deltas).hasSize(2);
      assertThat(pieces.arguments(0)).isNotEqualTo(ARGUMENTS);
      assertThat(fake.attempts()).hasSize(1);
    }
  }

  @Test
  void aTargetWithoutToolsIsSkippedSayingSo() {
    fake.scriptToolCall("ok", "get_weather", ARGUMENTS);
    try (Router router = routes().route("plain/ok", "a/ok").router()) {
      ChatResponse r = router.complete(ask());

      assertThat(r.servedBy().provider()).isEqualTo("a");
      Attempt skipped = r.attempts().getFirst();
      assertThat(skipped.target().provider()).isEqualTo("plain");
      assertThat(skipped.outcome().detail()).contains("does not take tools");
      assertThat(fake.attempts()).hasSize(1);
    }
  }

  @Test
  void aRouteWithNoTargetThatTakesToolsRefusesTheRequestAskingNoOne() {
    try (Router router = routes().route("plain/ok").router()) {
      assertThatThrownBy(() -> router.complete(ask()))
          .isInstanceOfSatisfying(
              LlmCallException.class,
              e -> {
                assertThat(e.failure()).isEqualTo(LlmCallException.Failure.REFUSED);
                assertThat(e.getMessage()).contains("does not take tools");
              });
      assertThat(fake.attempts()).isEmpty();
    }
  }

  @Test
  void anImageGoesOnlyToATargetWithVisionAndTheOthersAreSkippedSayingSo() {
    ChatRequest withImage =
        ChatRequest.of("x")
            .withMessages(
                List.of(
                    Message.user(
                        List.of(
                            new Part.Text("What is in this picture?"),
                            Part.Image.inline("image/png", "iVBORw0KGgo=")))));
    try (Router router = routes().route("novision/ok", "c/ok").router()) {
      ChatResponse r = router.complete(withImage);

      assertThat(r.servedBy().provider()).isEqualTo("c");
      assertThat(r.attempts().getFirst().outcome().detail()).contains("images");
      assertThat(fake.attempts())
          .singleElement()
          .satisfies(s -> assertThat(s.images()).isEqualTo(1));
      assertThat(r.text()).isEqualTo(FakeProvider.canonicalAnswer("What is in this picture?", 12));
    }
  }

  @Test
  void stopAndSeedReachOpenAiAndStopSequencesReachAnthropicWithoutTheSeed() {
    Sampling sampling = new Sampling(0.0, 0.9, List.of("END"), 42L, null, null);
    try (Router router =
        routes()
            .provider(
                "all",
                "openai",
                fake.openAiBaseUrl(),
                32_000,
                "{ sampling: [temperature, top_p, stop, seed] }",
                "")
            .route("all/ok")
            .router()) {
      router.complete(ChatRequest.of(PROMPT).withSampling(sampling));
      assertThat(fake.attempts().getLast().sampling())
          .containsEntry("temperature", 0.0)
          .containsEntry("top_p", 0.9)
          .containsEntry("stop", List.of("END"))
          .containsEntry("seed", 42);
    }
    try (Router router = routes().route("c/ok").router()) {
      router.complete(ChatRequest.of(PROMPT).withSampling(sampling));
      // Anthropic has no seed: not sent there, as its capabilities say
      assertThat(fake.attempts().getLast().sampling())
          .isEqualTo(Map.of("temperature", 0.0, "top_p", 0.9, "stop_sequences", List.of("END")));
    }
  }

  @Test
  void aReasoningModelIsSentNoTemperature() {
    try (Router router =
        routes()
            .provider("o", "openai", fake.openAiBaseUrl(), 32_000, "{ tools: true }", "")
            .route("o/o4-mini")
            .router()) {
      ChatResponse r = router.complete(ChatRequest.of(PROMPT).withTemperature(0.0));
      // o4-mini refuses any temperature but its default; the router leaves it out there
      assertThat(r.servedBy().model()).isEqualTo("o4-mini");
      assertThat(fake.attempts().getLast().sampling()).isEmpty();
      assertThat(fake.attempts().getLast().status()).isEqualTo(200);
    }
  }

  @Test
  void aToolResultWithoutItsCallIsRefusedBeforeAnyTargetIsAsked() {
    assertThatThrownBy(
            () ->
                ask()
                    .withMessages(
                        List.of(Message.user(PROMPT), Message.toolResult("call_x", RESULT, false))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("call_x");
    assertThatThrownBy(
            () ->
                ChatRequest.of(PROMPT)
                    .withTools(List.of(WEATHER), ToolChoice.named("get_time"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("get_time");
  }

  @Test
  void theEstimateCountsToolsAndImages() {
    dev.socra.llm.tokens.TokenEstimator tokens = new dev.socra.llm.tokens.TokenEstimator();
    int plain = tokens.countInput(ChatRequest.of(PROMPT), null);
    int withTools = tokens.countInput(ask(), null);
    int withImage =
        tokens.countInput(
            ChatRequest.of("x")
                .withMessages(
                    List.of(
                        Message.user(
                            List.of(
                                new Part.Text(PROMPT), Part.Image.at("https://x.test/a.png"))))),
            null);
    assertThat(withTools - plain).isGreaterThan(tokens.count(WEATHER.parameters().toString()));
    assertThat(withImage - plain).isEqualTo(dev.socra.llm.tokens.TokenEstimator.IMAGE_TOKENS);
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  /** A sink that keeps what it was given. */
  static final class Pieces implements TokenSink {
    final StringBuilder text = new StringBuilder();
    final List<ToolCallDelta> deltas = new ArrayList<>();

    @Override
    public void onToken(String t) {
      text.append(t);
    }

    @Override
    public void onToolCall(ToolCallDelta delta) {
      deltas.add(delta);
    }

    String arguments(int index) {
      StringBuilder s = new StringBuilder();
      deltas.stream().filter(d -> d.index() == index).forEach(d -> s.append(d.arguments()));
      return s.toString();
    }
  }
}
