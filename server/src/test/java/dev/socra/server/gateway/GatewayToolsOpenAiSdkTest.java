package dev.socra.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.socra.llm.testkit.FakeProvider;
import dev.socra.llm.testkit.SeenRequest;
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
 * OpenAI's Java SDK, unchanged, calling tools through the gateway, with routes served by fake
 * providers of both protocols: the model asks for a tool, the client sends its result, the model
 * answers; streamed and not; fail-over before the first piece of a tool call and after it.
 */
class GatewayToolsOpenAiSdkTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PROMPT = "What is the weather in Lisbon?";
  static final String ARGUMENTS = "{\"city\":\"Lisbon\",\"unit\":\"celsius\"}";
  static final String RESULT = "18 degrees and sunny";

  @TempDir static Path dir;
  static FakeProvider fake;
  static TestServer server;
  static OpenAIClient client;

  @BeforeAll
  static void start() {
    fake = FakeProvider.start(0);
    Map<String, List<String>> routes = new LinkedHashMap<>();
    routes.put("default", List.of("ta/ok"));
    routes.put("openai", List.of("ta/ok"));
    routes.put("anthropic", List.of("tc/ok"));
    routes.put("before", List.of("ta/cut-after=0", "tc/ok"));
    routes.put("after", List.of("ta/cut-after=2", "tc/ok"));
    server = TestServer.start(Upstream.env(fake, dir, routes));
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(server.baseUrl() + "/v1")
            .apiKey(server.userWithToken("tools-ada"))
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

  static ChatCompletionCreateParams.Builder ask(String route) {
    return ChatCompletionCreateParams.builder()
        .model(route)
        .addUserMessage(PROMPT)
        .maxCompletionTokens(200)
        .addFunctionTool(
            FunctionDefinition.builder()
                .name("get_weather")
                .description("The weather in a city now")
                .parameters(
                    FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty(
                            "properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .build())
                .build());
  }

  /** The conversation after the model asked: its message, then the tool's result. */
  static ChatCompletionCreateParams answered(String route, ChatCompletionMessage asked) {
    ChatCompletionMessageFunctionToolCall call =
        asked.toolCalls().orElseThrow().getFirst().asFunction();
    return ask(route)
        .addMessage(asked)
        .addMessage(
            ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content(RESULT).build())
        .build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void theModelAsksForATheClientAnswersItAndTheModelUsesTheResult(String route) throws Exception {
    ChatCompletion asked = client.chat().completions().create(ask(route).build());

    ChatCompletion.Choice choice = asked.choices().getFirst();
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    ChatCompletionMessageFunctionToolCall call =
        choice.message().toolCalls().orElseThrow().getFirst().asFunction();
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(JSON.readTree(call.function().arguments())).isEqualTo(JSON.readTree(ARGUMENTS));

    ChatCompletion answer = client.chat().completions().create(answered(route, choice.message()));

    assertThat(answer.choices().getFirst().message().content())
        .hasValue(FakeProvider.canonicalAnswer(RESULT, 12));
    assertThat(answer.choices().getFirst().finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    SeenRequest seen = fake.attempts().getLast();
    assertThat(seen.endsWithToolResult()).isTrue();
    assertThat(seen.status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void aStreamedToolCallAccumulatesIntoTheWholeCall(String route) throws Exception {
    ChatCompletion asked = streamed(ask(route).build());

    ChatCompletion.Choice choice = asked.choices().getFirst();
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    ChatCompletionMessageFunctionToolCall call =
        choice.message().toolCalls().orElseThrow().getFirst().asFunction();
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(JSON.readTree(call.function().arguments())).isEqualTo(JSON.readTree(ARGUMENTS));

    ChatCompletion answer = streamed(answered(route, choice.message()));
    assertThat(answer.choices().getFirst().message().content())
        .hasValue(FakeProvider.canonicalAnswer(RESULT, 12));
  }

  @Test
  void stopSeedAndTemperatureReachTheProvider() {
    client
        .chat()
        .completions()
        .create(
            ChatCompletionCreateParams.builder()
                .model("openai")
                .addUserMessage(PROMPT)
                .stop("END")
                .seed(7)
                .temperature(0.0)
                .build());

    assertThat(fake.attempts().getLast().sampling())
        .containsEntry("stop", List.of("END"))
        .containsEntry("seed", 7)
        .containsEntry("temperature", 0.0);
  }

  @Test
  void aFailureBeforeTheFirstToolCallPieceIsNotSeen() throws Exception {
    ChatCompletion asked = streamed(ask("before").build());

    ChatCompletion.Choice choice = asked.choices().getFirst();
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    String arguments =
        choice.message().toolCalls().orElseThrow().getFirst().asFunction().function().arguments();
    assertThat(JSON.readTree(arguments)).isEqualTo(JSON.readTree(ARGUMENTS));
    assertThat(asked.model()).isEqualTo("tc/ok");
  }

  @Test
  void aStreamCutInTheMiddleOfAToolCallRaisesAnErrorAndNeverFinishesTheCall() {
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    assertThatThrownBy(
            () -> {
              try (StreamResponse<ChatCompletionChunk> s =
                  client.chat().completions().createStreaming(ask("after").build())) {
                s.stream().forEach(chunks::add);
              }
            })
        .hasMessageContaining("tool call");

    // the client saw the call begin, and no chunk ever said the call was complete
    assertThat(chunks)
        .anySatisfy(c -> assertThat(c.choices().getFirst().delta().toolCalls()).isPresent());
    assertThat(chunks)
        .allSatisfy(c -> c.choices().forEach(ch -> assertThat(ch.finishReason()).isEmpty()));
    assertThat(fake.attempts()).hasSize(1);
  }

  private static ChatCompletion streamed(ChatCompletionCreateParams params) {
    ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> s =
        client.chat().completions().createStreaming(params)) {
      s.stream().forEach(acc::accumulate);
    }
    return acc.chatCompletion();
  }

  static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }
}
