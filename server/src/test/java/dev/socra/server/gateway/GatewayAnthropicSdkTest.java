package dev.socra.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.ObjectMappers;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.llm.testkit.FakeProvider;
import dev.socra.server.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Anthropic's Java SDK, unchanged, against the gateway's Messages API with a Socra token as its
 * {@code x-api-key}: text and tool round trips, streamed and not, on a route served by an
 * OpenAI-protocol fake and on one served by an Anthropic one; fail-over before the first piece of a
 * tool call and after it; count_tokens; errors as the SDK's own exceptions.
 */
class GatewayAnthropicSdkTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PROMPT = "What is the weather in Lisbon?";
  static final String ARGUMENTS = "{\"city\":\"Lisbon\",\"unit\":\"celsius\"}";
  static final String RESULT = "18 degrees and sunny";

  @TempDir static Path dir;
  static FakeProvider fake;
  static TestServer server;
  static String token;
  static AnthropicClient client;

  @BeforeAll
  static void start() {
    fake = FakeProvider.start(0);
    Map<String, List<String>> routes = new LinkedHashMap<>();
    routes.put("default", List.of("tc/ok"));
    routes.put("openai", List.of("ta/ok"));
    routes.put("anthropic", List.of("tc/ok"));
    routes.put("before", List.of("tc/cut-after=0", "ta/ok"));
    routes.put("after", List.of("tc/cut-after=2", "ta/ok"));
    server = TestServer.start(Upstream.env(fake, dir, routes));
    token = server.userWithToken("anthropic-ada");
    client = clientWith(token);
  }

  static AnthropicClient clientWith(String key) {
    return AnthropicOkHttpClient.builder()
        .baseUrl(server.baseUrl())
        .apiKey(key)
        .maxRetries(0)
        .responseValidation(true)
        .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
    fake.close();
  }

  @BeforeEach
  void script() {
    fake.clearAttempts();
    for (String model : List.of("ok", "cut-after=0", "cut-after=2")) {
      fake.scriptToolCall(model, "get_weather", ARGUMENTS);
    }
  }

  static Tool weather() {
    return Tool.builder()
        .name("get_weather")
        .description("The weather in a city now")
        .inputSchema(
            Tool.InputSchema.builder()
                .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                .addRequired("city")
                .build())
        .build();
  }

  static MessageCreateParams.Builder ask(String route) {
    return MessageCreateParams.builder()
        .model(route)
        .maxTokens(200)
        .system("You answer about the weather.")
        .addUserMessage(PROMPT)
        .addTool(weather());
  }

  /** The conversation after the model asked: its message, then the tool's result. */
  static MessageCreateParams answered(String route, Message asked) {
    ToolUseBlock use = toolUse(asked);
    return ask(route)
        .addMessage(asked)
        .addUserMessageOfContentBlockParams(
            List.of(
                ContentBlockParam.ofToolResult(
                    ToolResultBlockParam.builder().toolUseId(use.id()).content(RESULT).build())))
        .build();
  }

  static ToolUseBlock toolUse(Message m) {
    return m.content().stream()
        .filter(ContentBlock::isToolUse)
        .findFirst()
        .orElseThrow()
        .toolUse()
        .orElseThrow();
  }

  static String text(Message m) {
    StringBuilder s = new StringBuilder();
    m.content().forEach(b -> b.text().ifPresent(t -> s.append(t.text())));
    return s.toString();
  }

  static JsonNode input(ToolUseBlock use) throws Exception {
    return JSON.readTree(ObjectMappers.jsonMapper().writeValueAsString(use._input()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void theModelAsksForATheClientAnswersItAndTheModelUsesTheResult(String route) throws Exception {
    Message asked = client.messages().create(ask(route).build());

    assertThat(asked.stopReason()).hasValue(StopReason.TOOL_USE);
    ToolUseBlock use = toolUse(asked);
    assertThat(use.name()).isEqualTo("get_weather");
    assertThat(input(use)).isEqualTo(JSON.readTree(ARGUMENTS));
    assertThat(asked.model().asString()).endsWith("/ok");

    Message answer = client.messages().create(answered(route, asked));

    assertThat(text(answer)).isEqualTo(FakeProvider.canonicalAnswer(RESULT, 12));
    assertThat(answer.stopReason()).hasValue(StopReason.END_TURN);
    assertThat(answer.usage().inputTokens()).isPositive();
    assertThat(answer.usage().outputTokens()).isPositive();
    assertThat(fake.attempts().getLast().endsWithToolResult()).isTrue();
    assertThat(fake.attempts().getLast().status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void aStreamedToolCallAccumulatesIntoTheWholeCall(String route) throws Exception {
    Message asked = streamed(ask(route).build());

    assertThat(asked.stopReason()).hasValue(StopReason.TOOL_USE);
    ToolUseBlock use = toolUse(asked);
    assertThat(use.name()).isEqualTo("get_weather");
    assertThat(input(use)).isEqualTo(JSON.readTree(ARGUMENTS));

    Message answer = streamed(answered(route, asked));
    assertThat(text(answer)).isEqualTo(FakeProvider.canonicalAnswer(RESULT, 12));
    assertThat(answer.stopReason()).hasValue(StopReason.END_TURN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void aPlainStreamIsTheSameTextAsAWholeAnswer(String route) {
    MessageCreateParams params =
        MessageCreateParams.builder()
            .model(route)
            .maxTokens(100)
            .addUserMessage("Who pays for the first pilot?")
            .build();
    String whole = text(client.messages().create(params));

    assertThat(text(streamed(params))).isEqualTo(whole);
    assertThat(whole).isEqualTo(FakeProvider.canonicalAnswer("Who pays for the first pilot?", 12));
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void stopSequencesAndTemperatureReachTheProvider(String route) {
    client
        .messages()
        .create(
            MessageCreateParams.builder()
                .model(route)
                .maxTokens(100)
                .addUserMessage(PROMPT)
                .addStopSequence("END")
                .putAdditionalBodyProperty("temperature", JsonValue.from(0.0))
                .build());

    Map<String, Object> sampling = fake.attempts().getLast().sampling();
    assertThat(sampling).containsEntry("temperature", 0.0);
    assertThat(sampling.get(route.equals("openai") ? "stop" : "stop_sequences"))
        .isEqualTo(List.of("END"));
  }

  @Test
  void aFailureBeforeTheFirstToolCallPieceIsNotSeen() throws Exception {
    Message asked = streamed(ask("before").build());

    assertThat(asked.stopReason()).hasValue(StopReason.TOOL_USE);
    assertThat(input(toolUse(asked))).isEqualTo(JSON.readTree(ARGUMENTS));
    // the Anthropic target's stream broke before its first piece (retried once, as a transient
    // failure is); the OpenAI target's call is the one the client sees
    assertThat(fake.attempts())
        .extracting(a -> a.protocol())
        .startsWith("anthropic")
        .endsWith("openai");
  }

  @Test
  void aStreamCutInTheMiddleOfAToolCallRaisesTheErrorEventAndNeverCompletesTheCall() {
    List<RawMessageStreamEvent> events = new ArrayList<>();
    assertThatThrownBy(
            () -> {
              try (StreamResponse<RawMessageStreamEvent> s =
                  client.messages().createStreaming(ask("after").build())) {
                s.stream().forEach(events::add);
              }
            })
        .hasMessageContaining("tool call");

    assertThat(events).anySatisfy(e -> assertThat(e.isContentBlockStart()).isTrue());
    assertThat(events).noneSatisfy(e -> assertThat(e.isMessageDelta()).isTrue());
    assertThat(events).noneSatisfy(e -> assertThat(e.isMessageStop()).isTrue());
    assertThat(fake.attempts()).hasSize(1);
  }

  @Test
  void countTokensAnswersWithTheRoutersEstimate() {
    long plain =
        client
            .messages()
            .countTokens(
                MessageCountTokensParams.builder().model("default").addUserMessage(PROMPT).build())
            .inputTokens();
    long withTool =
        client
            .messages()
            .countTokens(
                MessageCountTokensParams.builder()
                    .model("default")
                    .addUserMessage(PROMPT)
                    .addTool(weather())
                    .build())
            .inputTokens();

    assertThat(plain).isPositive();
    assertThat(withTool).isGreaterThan(plain);
    assertThat(fake.attempts()).as("counting calls no provider").isEmpty();
  }

  @Test
  void anUnknownModelIsNotFoundAndAWrongKeyUnauthorized() {
    assertThatThrownBy(() -> client.messages().create(ask("claude-opus-4-7").build()))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> assertThat(e.getMessage()).contains("claude-opus-4-7").contains("/v1/models"));
    AnthropicClient stranger = clientWith("socra_" + "0".repeat(64));
    try {
      assertThatThrownBy(() -> stranger.messages().create(ask("default").build()))
          .isInstanceOf(UnauthorizedException.class);
    } finally {
      stranger.close();
    }
  }

  @Test
  void aToolResultWithoutItsToolUseIsABadRequest() {
    MessageCreateParams params =
        ask("anthropic")
            .addUserMessageOfContentBlockParams(
                List.of(
                    ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder()
                            .toolUseId("toolu_01nothing")
                            .content(RESULT)
                            .build())))
            .build();
    assertThatThrownBy(() -> client.messages().create(params))
        .isInstanceOfSatisfying(
            BadRequestException.class, e -> assertThat(e.getMessage()).contains("toolu_01nothing"));
    assertThat(fake.attempts()).isEmpty();
  }

  private static Message streamed(MessageCreateParams params) {
    MessageAccumulator acc = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(params)) {
      s.stream().forEach(acc::accumulate);
    }
    return acc.message();
  }
}
