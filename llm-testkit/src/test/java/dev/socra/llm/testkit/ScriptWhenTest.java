package dev.socra.llm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptWhenTest extends FakeServerTest {

  static ObjectNode openAiWithSystem(String model, boolean stream, String system) {
    ObjectNode body = Wire.openAiBody(model, stream, "the idea");
    ArrayNode messages = (ArrayNode) body.get("messages");
    messages.insertObject(0).put("role", "system").put("content", system);
    return body;
  }

  static String openAi(String model, boolean stream, String system) throws Exception {
    HttpResponse<String> response = wire.openAi(openAiWithSystem(model, stream, system));
    return stream
        ? Wire.openAiText(Wire.events(response.body()))
        : ScriptedReplyTest.openAiContent(response);
  }

  static String anthropic(ObjectNode body) throws Exception {
    HttpResponse<String> response = wire.anthropic(body);
    return body.path("stream").asBoolean()
        ? Wire.anthropicText(Wire.events(response.body()))
        : ScriptedReplyTest.anthropicContent(response);
  }

  @Test
  void openAiRulesMatchTheSystemMessageInOrderWithTheScriptAsFallback() throws Exception {
    fake.scriptWhen("gpt", "You judge risks", List.of("{\"risks\": []}"));
    fake.scriptWhen("gpt", "You judge", List.of("judged 1", "judged 2"));
    fake.script("gpt", List.of("fallback"));

    assertThat(openAi("gpt", false, "You judge risks of ideas")).isEqualTo("{\"risks\": []}");
    assertThat(openAi("gpt", true, "You judge markets")).isEqualTo("judged 1");
    assertThat(openAi("gpt", false, "You are a coach")).isEqualTo("fallback");
    assertThat(openAi("gpt", true, "You judge risks")).isEqualTo("{\"risks\": []}");
    assertThat(openAi("gpt", false, "You judge")).isEqualTo("judged 2");
    assertThat(ScriptedReplyTest.openAiText("gpt", false, "no system")).isEqualTo("fallback");
  }

  @Test
  void anthropicRulesMatchASystemStringOrTextBlocks() throws Exception {
    fake.scriptWhen("claude", "critic", List.of("critique"));
    fake.scriptWhen("claude", "summarise", List.of("summary"));
    ObjectNode string = Wire.anthropicBody("claude", false, "x").put("system", "You are a critic");
    ObjectNode blocks = Wire.anthropicBody("claude", true, "x");
    ArrayNode system = blocks.putArray("system");
    system.addObject().put("type", "text").put("text", "Be brief.");
    system.addObject().put("type", "text").put("text", "Please summarise.");

    assertThat(anthropic(string)).isEqualTo("critique");
    assertThat(anthropic(blocks)).isEqualTo("summary");
    assertThat(anthropic(Wire.anthropicBody("claude", false, "x")))
        .isEqualTo(FakeProvider.canonicalAnswer("x", 12));
  }

  @Test
  void removingARuleLeavesTheOthers() throws Exception {
    fake.scriptWhen("gpt", "a", List.of("rule a"));
    fake.scriptWhen("gpt", "b", List.of("rule b"));
    fake.scriptWhen("gpt", "a", null);

    assertThat(openAi("gpt", false, "a b")).isEqualTo("rule b");
    assertThat(openAi("gpt", false, "a")).isEqualTo(FakeProvider.canonicalAnswer("the idea", 12));
  }

  @Test
  void theControlEndpointScriptsAndUnscripts() throws Exception {
    HttpResponse<String> set =
        wire.post(
            "/_control/script",
            "{\"model\":\"claude\",\"replies\":[\"{\\n  \\\"ok\\\": true\\n}\",\"again\"]}");
    HttpResponse<String> when =
        wire.post(
            "/_control/script",
            "{\"model\":\"claude\",\"systemContains\":\"critic\",\"replies\":[\"critique\"]}");
    ObjectNode critic = Wire.anthropicBody("claude", false, "x").put("system", "a critic");

    assertThat(set.statusCode()).isEqualTo(200);
    assertThat(when.statusCode()).isEqualTo(200);
    assertThat(anthropic(Wire.anthropicBody("claude", true, "x")))
        .isEqualTo("{\n  \"ok\": true\n}");
    assertThat(anthropic(critic)).isEqualTo("critique");
    assertThat(anthropic(Wire.anthropicBody("claude", false, "x"))).isEqualTo("again");

    wire.post("/_control/script", "{\"model\":\"claude\",\"replies\":null}");
    assertThat(anthropic(Wire.anthropicBody("claude", false, "x")))
        .isEqualTo(FakeProvider.canonicalAnswer("x", 12));
    assertThat(anthropic(critic)).isEqualTo("critique");
    assertThat(wire.get("/_control/attempts").body()).doesNotContain("secret");
  }

  @Test
  void theControlEndpointRejectsBadBodies() throws Exception {
    for (String body :
        List.of(
            "{\"replies\":[\"x\"]}",
            "{\"model\":\"m\"}",
            "{\"model\":\"m\",\"replies\":[]}",
            "{\"model\":\"m\",\"replies\":[1]}",
            "{\"model\":\"m\",\"replies\":\"x\"}")) {
      HttpResponse<String> response = wire.post("/_control/script", body);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(Wire.json(response).path("ok").asBoolean()).isFalse();
    }
  }
}
