package dev.socra.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.models.Model;
import dev.socra.server.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenAI's own Java SDK, pointed at the gateway with a Socra API token, in demo mode (the stub
 * serves route {@code default}). Response validation is on, so a missing or mistyped field that the
 * SDK requires fails the test.
 */
class GatewayOpenAiSdkTest {
  static final String PROMPT = "Say something about bakeries in Lisbon";

  static TestServer server;
  static OpenAIClient client;

  @BeforeAll
  static void start() {
    server = TestServer.shared();
    client = clientWith(server.userWithToken("sdk-ada"));
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  static OpenAIClient clientWith(String token) {
    return OpenAIOkHttpClient.builder()
        .baseUrl(server.baseUrl() + "/v1")
        .apiKey(token)
        .maxRetries(0)
        .responseValidation(true)
        .build();
  }

  static ChatCompletionCreateParams.Builder params() {
    return ChatCompletionCreateParams.builder()
        .model("default")
        .addSystemMessage("You are terse.")
        .addUserMessage(PROMPT)
        .maxCompletionTokens(300);
  }

  @Test
  void aWholeCompletionNamesTheServingTargetAndItsUsage() {
    ChatCompletion c = client.chat().completions().create(params().build());

    assertThat(c.model()).isEqualTo("stub/socra-demo");
    assertThat(c.id()).startsWith("chatcmpl-");
    assertThat(c.choices()).hasSize(1);
    assertThat(c.choices().getFirst().message().content())
        .hasValueSatisfying(t -> assertThat(t).isNotBlank());
    assertThat(c.choices().getFirst().finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    CompletionUsage u = c.usage().orElseThrow();
    assertThat(u.promptTokens()).isPositive();
    assertThat(u.completionTokens()).isPositive();
    assertThat(u.totalTokens()).isEqualTo(u.promptTokens() + u.completionTokens());
  }

  @Test
  void aStreamDeliversTheSameAnswerInDeltasThenTheTargetAndUsage() {
    String whole =
        client
            .chat()
            .completions()
            .create(params().build())
            .choices()
            .getFirst()
            .message()
            .content()
            .orElseThrow();

    StringBuilder text = new StringBuilder();
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> s =
        client
            .chat()
            .completions()
            .createStreaming(
                params()
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build())) {
      s.stream()
          .forEach(
              chunk -> {
                chunks.add(chunk);
                chunk.choices().forEach(ch -> ch.delta().content().ifPresent(text::append));
              });
    }

    assertThat(text.toString()).isEqualTo(whole);
    assertThat(chunks.size()).isGreaterThan(3);
    assertThat(chunks.getFirst().choices().getFirst().delta().role()).isPresent();
    ChatCompletionChunk finish = chunks.get(chunks.size() - 2);
    assertThat(finish.choices().getFirst().finishReason())
        .hasValue(ChatCompletionChunk.Choice.FinishReason.STOP);
    assertThat(finish.model()).isEqualTo("stub/socra-demo");
    ChatCompletionChunk usage = chunks.getLast();
    assertThat(usage.choices()).isEmpty();
    assertThat(usage.usage().orElseThrow().completionTokens()).isPositive();
  }

  @Test
  void modelsAreTheRoutes() {
    List<Model> models = client.models().list().data();
    assertThat(models).extracting(Model::id).containsExactly("default");
    assertThat(client.models().retrieve("default").ownedBy()).isEqualTo("socra");
  }

  @Test
  void anUnknownModelIsNotFound() {
    assertThatThrownBy(() -> client.chat().completions().create(params().model("gpt-5").build()))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.getMessage()).contains("gpt-5").contains("/v1/models");
            });
  }

  @Test
  void aWrongTokenIsUnauthorized() {
    OpenAIClient stranger = clientWith("socra_" + "0".repeat(64));
    try {
      assertThatThrownBy(() -> stranger.models().list())
          .isInstanceOfSatisfying(
              UnauthorizedException.class, e -> assertThat(e.statusCode()).isEqualTo(401));
    } finally {
      stranger.close();
    }
  }
}
