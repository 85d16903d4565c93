package dev.socra.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.Message;
import dev.socra.llm.ResponseFormat;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** OpenAI request bodies as the router's requests. */
class CompletionRequestTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static CompletionRequest read(String body) throws Exception {
    return CompletionRequest.read(
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "user-42");
  }

  @Test
  void readsTheConversationTaggedWithTheUser() throws Exception {
    CompletionRequest r =
        read(
            """
            {"model":"cheap","temperature":0.7,"top_p":1,"seed":3,"stop":["\\n"],"user":"x",
             "logit_bias":{},"n":1,"tools":[],"messages":[
              {"role":"system","content":"Be brief."},
              {"role":"developer","content":[{"type":"text","text":"Answer in English."}]},
              {"role":"user","content":[{"type":"text","text":"Hello, "},{"type":"text","text":"world"}]},
              {"role":"assistant","content":"Hi.","name":"bot"},
              {"role":"user","content":"And now?"}]}
            """);

    ChatRequest c = r.chat();
    assertThat(r.route()).isEqualTo("cheap");
    assertThat(c.route()).isEqualTo("cheap");
    assertThat(c.system()).isEqualTo("Be brief.\n\nAnswer in English.");
    assertThat(c.messages())
        .containsExactly(
            Message.user("Hello, world"), Message.assistant("Hi."), Message.user("And now?"));
    assertThat(c.maxTokens()).isEqualTo(ChatRequest.DEFAULT_MAX_TOKENS);
    assertThat(c.format()).isEqualTo(ResponseFormat.TEXT);
    assertThat(c.tags()).containsExactly(java.util.Map.entry(ChatRequest.TAG_USER, "user-42"));
    assertThat(r.stream()).isFalse();
    assertThat(r.includeUsage()).isFalse();
  }

  @Test
  void maxCompletionTokensWinsOverMaxTokens() throws Exception {
    String both =
        "{\"model\":\"default\",\"max_tokens\":50,\"max_completion_tokens\":70,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    assertThat(read(both).chat().maxTokens()).isEqualTo(70);
    String old =
        "{\"model\":\"default\",\"max_tokens\":50,\"max_completion_tokens\":null,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    assertThat(read(old).chat().maxTokens()).isEqualTo(50);
  }

  @Test
  void streamAndUsage() throws Exception {
    CompletionRequest r =
        read(
            "{\"model\":\"default\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(r.stream()).isTrue();
    assertThat(r.includeUsage()).isTrue();
  }

  @Test
  void responseFormatsBecomeTheRoutersFormats() throws Exception {
    String base = "{\"model\":\"default\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],";
    assertThat(read(base + "\"response_format\":{\"type\":\"json_object\"}}").chat().format())
        .isEqualTo(ResponseFormat.JSON);
    assertThat(read(base + "\"response_format\":{\"type\":\"text\"}}").chat().format())
        .isEqualTo(ResponseFormat.TEXT);
    String schema = "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}}}";
    ResponseFormat f =
        read(base
                + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":"
                + "{\"name\":\"count\",\"strict\":true,\"schema\":"
                + schema
                + "}}}")
            .chat()
            .format();
    assertThat(f).isEqualTo(new ResponseFormat.JsonSchema("count", JSON.readTree(schema)));
  }

  @Test
  void refusesWhatItCannotServeNamingTheField() {
    String msgs = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
    assertParam("{\"model\":\"default\",\"n\":2," + msgs + "}", "n");
    assertParam("{\"model\":\"default\",\"stream\":\"yes\"," + msgs + "}", "stream");
    assertParam(
        "{\"model\":\"default\",\"max_completion_tokens\":1.5," + msgs + "}",
        "max_completion_tokens");
    assertParam(
        "{\"model\":\"default\",\"response_format\":{\"type\":\"json_schema\"}," + msgs + "}",
        "response_format.json_schema.schema");
    assertParam(
        "{\"model\":\"default\",\"response_format\":{\"type\":\"yaml\"}," + msgs + "}",
        "response_format.type");
    assertParam("{\"model\":\"default\",\"messages\":[]}", "messages");
    assertParam(
        "{\"model\":\"default\",\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}",
        "messages");
    assertParam(
        "{\"model\":\"default\",\"messages\":[{\"role\":\"user\",\"content\":null}]}",
        "messages[0].content");
    assertParam("{\"model\":7," + msgs + "}", "model");
  }

  @Test
  void aBodyLargerThanAnyPromptIs413() {
    // Jackson checks the length as it loads its next buffer, so a little over the limit may pass
    String huge = "x".repeat((int) OpenAiWire.MAX_REQUEST_BYTES + 64 * 1024);
    String body =
        "{\"model\":\"default\",\"messages\":[{\"role\":\"user\",\"content\":\"" + huge + "\"}]}";
    assertThatThrownBy(() -> read(body))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.status()).isEqualTo(413);
              assertThat(e.code()).isEqualTo("request_too_large");
            });
  }

  private static void assertParam(String body, String param) {
    assertThatThrownBy(() -> read(body))
        .as(body)
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.param()).isEqualTo(param);
              assertThat(e.type()).isEqualTo("invalid_request_error");
            });
  }
}
