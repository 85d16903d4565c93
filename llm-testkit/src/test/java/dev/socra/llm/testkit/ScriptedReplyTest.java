package dev.socra.llm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScriptedReplyTest extends FakeServerTest {

  /** Structured output as a model writes it: indented, with a blank line and a final newline. */
  static final String JSON =
      "{\n  \"verdict\": \"pivot\",\n  \"risks\": [\"churn\",  \"pricing\"],\n\n"
          + "  \"score\": 0.4\n}\n";

  static String openAiContent(HttpResponse<String> response) throws Exception {
    return Wire.json(response).path("choices").get(0).path("message").path("content").asText();
  }

  static String openAiText(String model, boolean stream, String user) throws Exception {
    HttpResponse<String> response = wire.openAi(Wire.openAiBody(model, stream, user));
    return stream ? Wire.openAiText(Wire.events(response.body())) : openAiContent(response);
  }

  static String anthropicContent(HttpResponse<String> response) throws Exception {
    return Wire.json(response).path("content").get(0).path("text").asText();
  }

  @Test
  void openAiGivesTheExactTextWholeAndStreamed() throws Exception {
    fake.script("gpt", List.of(JSON));
    ObjectNode streamed = Wire.openAiBody("gpt", true, "judge it");
    streamed.putObject("stream_options").put("include_usage", true);

    JsonNode whole = Wire.json(wire.openAi(Wire.openAiBody("gpt", false, "judge it")));
    List<Wire.Event> events = Wire.events(wire.openAi(streamed).body());

    int tokens = Answers.tokens(JSON).size();
    JsonNode choice = whole.path("choices").get(0);
    assertThat(choice.path("message").path("content").asText()).isEqualTo(JSON);
    assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    assertThat(whole.path("usage").path("completion_tokens").asInt()).isEqualTo(tokens);
    assertThat(Wire.openAiText(events)).isEqualTo(JSON);
    assertThat(events).hasSize(tokens + 4); // role, tokens, finish, usage, [DONE]
    assertThat(events.get(tokens + 2).json().path("usage").path("completion_tokens").asInt())
        .isEqualTo(tokens);
    assertThat(Wire.JSON.readTree(JSON).path("risks")).hasSize(2);
  }

  @Test
  void anthropicGivesTheExactTextWholeAndStreamed() throws Exception {
    fake.script("claude", List.of(JSON));

    HttpResponse<String> whole = wire.anthropic(Wire.anthropicBody("claude", false, "judge"));
    List<Wire.Event> events =
        Wire.events(wire.anthropic(Wire.anthropicBody("claude", true, "judge")).body());

    assertThat(anthropicContent(whole)).isEqualTo(JSON);
    assertThat(Wire.json(whole).path("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(Wire.anthropicText(events)).isEqualTo(JSON);
    assertThat(events)
        .filteredOn(e -> "content_block_delta".equals(e.name()))
        .hasSize(Answers.tokens(JSON).size());
    assertThat(events.getLast().name()).isEqualTo("message_stop");
  }

  @Test
  void repliesComeInOrderAndTheLastRepeatsUntilRemoved() throws Exception {
    fake.script("gpt", List.of("first", "second"));

    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      answers.add(openAiText("gpt", i % 2 == 1, "q"));
    }
    fake.script("gpt", null);

    assertThat(answers).containsExactly("first", "second", "second", "second");
    assertThat(openAiText("gpt", false, "q")).isEqualTo(FakeProvider.canonicalAnswer("q", 12));
    assertThat(openAiText("other", true, "q")).isEqualTo(FakeProvider.canonicalAnswer("q", 12));
  }

  @Test
  void concurrentRequestsEachTakeTheirOwnReply() throws Exception {
    List<String> replies = IntStream.range(0, 40).mapToObj(i -> "reply " + i).toList();
    fake.script("gpt", replies);

    List<Future<String>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < replies.size(); i++) {
        boolean stream = i % 2 == 0;
        answers.add(pool.submit(() -> openAiText("gpt", stream, "q")));
      }
    }

    List<String> texts = new ArrayList<>();
    for (Future<String> answer : answers) {
      texts.add(answer.get());
    }
    assertThat(texts).containsExactlyInAnyOrderElementsOf(replies);
  }

  @Test
  void aFaultWithTimesComesFirstAndDoesNotUseUpAReply() throws Exception {
    fake.script("claude+status=503+times=1", List.of(JSON, "second"));
    ObjectNode request = Wire.anthropicBody("claude+status=503+times=1", false, "x");

    HttpResponse<String> failed = wire.anthropic(request);
    HttpResponse<String> answered = wire.anthropic(request);

    assertThat(failed.statusCode()).isEqualTo(503);
    assertThat(answered.statusCode()).isEqualTo(200);
    assertThat(anthropicContent(answered)).isEqualTo(JSON);
  }

  @Test
  void cutAfterCutsTheScriptedStream() throws Exception {
    fake.script("gpt+cut-after=3", List.of(JSON));

    HttpResponse<InputStream> response =
        wire.http.send(
            wire.openAiRequest(Wire.openAiBody("gpt+cut-after=3", true, "x")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    boolean[] broke = {false};
    String received = ConnectionFaultTest.readUntilBroken(response.body(), broke).toString();

    assertThat(broke[0]).isTrue();
    assertThat(Wire.openAiText(Wire.events(received)))
        .isEqualTo(String.join("", Answers.tokens(JSON).subList(0, 3)));
  }

  @Test
  void aPrefillContinuesTheScriptedReply() throws Exception {
    fake.script("claude", List.of(JSON));
    String prefill = "{\n  \"verdict\":";

    HttpResponse<String> response =
        wire.anthropic(Wire.withPrefill(Wire.anthropicBody("claude", false, "x"), prefill));

    assertThat(prefill + anthropicContent(response)).isEqualTo(JSON);
  }

  @Test
  void rejectPrefillStillRejectsWithoutUsingUpAReply() throws Exception {
    fake.script("gpt+reject-prefill", List.of("one", "two"));

    HttpResponse<String> rejected =
        wire.openAi(Wire.withPrefill(Wire.openAiBody("gpt+reject-prefill", false, "x"), "o"));
    HttpResponse<String> answered = wire.openAi(Wire.openAiBody("gpt+reject-prefill", false, "x"));

    assertThat(rejected.statusCode()).isEqualTo(400);
    assertThat(openAiContent(answered)).isEqualTo("one");
  }

  @Test
  void tokensDoesNotCutAScriptedReplyButMaxTokensDoes() throws Exception {
    String reply = "one two three four five six";
    fake.script("gpt+tokens=2", List.of(reply));
    fake.script("claude", List.of(reply));

    String uncut = openAiContent(wire.openAi(Wire.openAiBody("gpt+tokens=2", false, "x")));
    JsonNode cut =
        Wire.json(wire.anthropic(Wire.anthropicBody("claude", false, "x").put("max_tokens", 4)));

    assertThat(uncut).isEqualTo(reply);
    assertThat(cut.path("content").get(0).path("text").asText()).isEqualTo("one two three four ");
    assertThat(cut.path("stop_reason").asText()).isEqualTo("max_tokens");
    assertThat(cut.path("usage").path("output_tokens").asInt()).isEqualTo(4);
  }
}
