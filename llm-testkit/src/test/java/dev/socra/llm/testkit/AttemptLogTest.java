package dev.socra.llm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptLogTest extends FakeServerTest {

  @Test
  void recordsEachRequestAndItsOutcome() throws Exception {
    wire.openAi(Wire.openAiBody("gpt-4o", false, "one two three").put("max_tokens", 50));
    wire.anthropic(Wire.anthropicBody("claude+status=529", true, "hi"));
    wire.send(
        wire.openAiRequest(Wire.openAiBody("gpt-4o", false, "hi")).setHeader("authorization", ""));
    assertThatThrownBy(
            () ->
                wire.anthropic(Wire.anthropicBody("claude+cut-after=2+slow-first=10", true, "hi")))
        .isInstanceOf(java.io.IOException.class);

    List<SeenRequest> attempts = fake.attempts();

    assertThat(attempts).hasSize(4);
    SeenRequest ok = attempts.get(0);
    assertThat(ok.protocol()).isEqualTo("openai");
    assertThat(ok.model()).isEqualTo("gpt-4o");
    assertThat(ok.stream()).isFalse();
    assertThat(ok.prefill()).isFalse();
    assertThat(ok.inputTokens()).isEqualTo(4);
    assertThat(ok.maxTokens()).isEqualTo(50);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.fault()).isEqualTo("ok");
    assertThat(ok.authPresent()).isTrue();
    SeenRequest failed = attempts.get(1);
    assertThat(failed.protocol()).isEqualTo("anthropic");
    assertThat(failed.stream()).isTrue();
    assertThat(failed.status()).isEqualTo(529);
    assertThat(failed.fault()).isEqualTo("status=529");
    assertThat(attempts.get(2).authPresent()).isFalse();
    assertThat(attempts.get(2).status()).isEqualTo(401);
    assertThat(attempts.get(2).fault()).isEqualTo("unauthorized");
    assertThat(attempts.get(3).fault()).isEqualTo("cut-after=2+slow-first=10");
    assertThat(attempts).extracting(SeenRequest::seq).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void eachRequestIsStampedWithTheFakesClock() throws Exception {
    VirtualTime time = VirtualTime.automatic();
    try (FakeProvider timed = FakeProvider.builder().time(time).start()) {
      Wire timedWire = new Wire(timed);
      timedWire.openAi(Wire.openAiBody("gpt-4o", false, "first"));
      time.advance(java.time.Duration.ofSeconds(5));
      timedWire.openAi(Wire.openAiBody("gpt-4o", false, "second"));

      assertThat(timed.attempts())
          .extracting(SeenRequest::receivedAtMillis)
          .containsExactly(
              VirtualTime.DEFAULT_START.toEpochMilli(),
              VirtualTime.DEFAULT_START.plusSeconds(5).toEpochMilli());
    }
  }

  @Test
  void attemptsAreServedAsJsonWithoutKeys() throws Exception {
    wire.openAi(Wire.openAiBody("gpt-4o", false, "hi"));
    wire.anthropic(Wire.anthropicBody("claude", false, "hi"));

    HttpResponse<String> response = wire.get("/_control/attempts");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode attempts = Wire.json(response);
    assertThat(attempts.isArray()).isTrue();
    assertThat(attempts).hasSize(2);
    JsonNode first = attempts.get(0);
    assertThat(first.path("protocol").asText()).isEqualTo("openai");
    assertThat(first.path("model").asText()).isEqualTo("gpt-4o");
    assertThat(first.path("authPresent").asBoolean()).isTrue();
    for (String field :
        List.of(
            "seq",
            "stream",
            "prefill",
            "inputTokens",
            "maxTokens",
            "status",
            "fault",
            "receivedAtMillis")) {
      assertThat(first.has(field)).as(field).isTrue();
    }
    assertThat(response.body()).doesNotContain("secret");
  }

  @Test
  void clearAndResetEmptyTheLog() throws Exception {
    wire.openAi(Wire.openAiBody("gpt-4o", false, "hi"));
    fake.clearAttempts();
    assertThat(fake.attempts()).isEmpty();

    wire.openAi(Wire.openAiBody("gpt-4o", false, "hi"));
    wire.post("/_control/reset", "");
    assertThat(Wire.json(wire.get("/_control/attempts"))).isEmpty();
  }
}
