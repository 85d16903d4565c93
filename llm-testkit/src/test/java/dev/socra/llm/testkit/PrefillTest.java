package dev.socra.llm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class PrefillTest extends FakeServerTest {

  static final String QUESTION = "What would make customers switch?";
  static final String ANSWER = FakeProvider.canonicalAnswer(QUESTION, 12);

  /** The first five tokens as a router would have received them before a fail-over. */
  static String firstTokens(int n) {
    return String.join("", Answers.tokens(ANSWER).subList(0, n));
  }

  @Test
  void anthropicContinuesAfterThePrefill() throws Exception {
    String prefill = firstTokens(5).stripTrailing(); // Anthropic refuses trailing whitespace

    JsonNode body =
        Wire.json(
            wire.anthropic(
                Wire.withPrefill(Wire.anthropicBody("claude", false, QUESTION), prefill)));

    String rest = body.path("content").get(0).path("text").asText();
    assertThat(prefill + rest).isEqualTo(ANSWER);
    assertThat(body.path("usage").path("output_tokens").asInt()).isEqualTo(7);
  }

  @Test
  void openAiStreamContinuesAfterThePrefill() throws Exception {
    String prefill = firstTokens(5);

    HttpResponse<String> response =
        wire.openAi(Wire.withPrefill(Wire.openAiBody("gpt", true, QUESTION), prefill));

    assertThat(prefill + Wire.openAiText(Wire.events(response.body()))).isEqualTo(ANSWER);
  }

  @Test
  void aPrefillThatIsNotThePrefixGetsTheWholeAnswer() throws Exception {
    JsonNode body =
        Wire.json(
            wire.openAi(
                Wire.withPrefill(Wire.openAiBody("gpt", false, QUESTION), "Something else")));

    assertThat(body.path("choices").get(0).path("message").path("content").asText())
        .isEqualTo(ANSWER);
  }

  @Test
  void rejectPrefillAnswers400ButOnlyToPrefilledRequests() throws Exception {
    HttpResponse<String> prefilled =
        wire.anthropic(
            Wire.withPrefill(Wire.anthropicBody("claude+reject-prefill", false, QUESTION), "x"));
    HttpResponse<String> plain =
        wire.anthropic(Wire.anthropicBody("claude+reject-prefill", false, QUESTION));

    assertThat(prefilled.statusCode()).isEqualTo(400);
    assertThat(Wire.json(prefilled).path("error").path("type").asText())
        .isEqualTo("invalid_request_error");
    assertThat(plain.statusCode()).isEqualTo(200);
  }

  @Test
  void strictPrefillRejectsTrailingWhitespaceLikeAnthropic() throws Exception {
    HttpResponse<String> response =
        wire.anthropic(
            Wire.withPrefill(
                Wire.anthropicBody("claude+strict-prefill", false, QUESTION), firstTokens(2)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Wire.json(response).path("error").path("message").asText())
        .contains("trailing whitespace");
  }

  @Test
  void theAttemptLogMarksPrefilledRequests() throws Exception {
    fake.clearAttempts();
    wire.openAi(Wire.withPrefill(Wire.openAiBody("gpt", false, QUESTION), firstTokens(1)));

    assertThat(fake.attempts()).singleElement().satisfies(a -> assertThat(a.prefill()).isTrue());
  }
}
