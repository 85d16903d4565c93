package dev.socra.llm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Each API refuses what its real counterpart refuses, in its own words and shape. */
class StrictRequestTest {
  @AutoClose FakeProvider fake = FakeProvider.start(0);
  final Wire wire = new Wire(fake);

  /** A schema as Socra's core generates them: $defs/$ref, closed objects, minLength. */
  static ObjectNode coreLikeSchema() {
    ObjectNode schema = Wire.JSON.createObjectNode().put("type", "object");
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

  static ObjectNode withSchema(ObjectNode body, JsonNode schema, boolean strict) {
    ObjectNode js =
        body.putObject("response_format").put("type", "json_schema").putObject("json_schema");
    js.put("name", "TurnEvaluation").set("schema", schema);
    if (strict) {
      js.put("strict", true);
    }
    return body;
  }

  private static String message(HttpResponse<String> r) throws Exception {
    JsonNode body = Wire.json(r);
    return (body.isArray() ? body.get(0) : body).path("error").path("message").asText();
  }

  @Test
  void openAiRefusesAnArgumentItDoesNotKnowByName() throws Exception {
    ObjectNode body = Wire.openAiBody("gpt-4o-mini", false, "hi").put("top_k", 5);
    HttpResponse<String> r = wire.openAi(body);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(message(r)).isEqualTo("Unrecognized request argument supplied: top_k");
    assertThat(Wire.json(r).path("error").path("param").asText()).isEqualTo("top_k");
  }

  @Test
  void groqRefusesLogprobsAndMoreThanOneChoice() throws Exception {
    HttpResponse<String> logprobs =
        wire.send(
            wire.groqRequest(
                Wire.openAiBody("llama-3.1-8b-instant", false, "hi").put("logprobs", true)));
    assertThat(logprobs.statusCode()).isEqualTo(400);
    assertThat(message(logprobs)).isEqualTo("property 'logprobs' is unsupported");
    HttpResponse<String> n =
        wire.send(
            wire.groqRequest(Wire.openAiBody("llama-3.1-8b-instant", false, "hi").put("n", 2)));
    assertThat(n.statusCode()).isEqualTo(400);
  }

  @Test
  void geminiRefusesAFieldItDoesNotKnowWithItsArrayWrappedError() throws Exception {
    ObjectNode body =
        Wire.openAiBody("gemini-2.5-flash-lite", false, "hi").put("frequency_penalty", 0.5);
    HttpResponse<String> r = wire.send(wire.geminiRequest(body));
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode json = Wire.json(r);
    assertThat(json.isArray()).isTrue();
    assertThat(json.get(0).path("error").path("status").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(message(r))
        .isEqualTo(
            "Invalid JSON payload received. Unknown name \"frequency_penalty\": Cannot find field.");
  }

  @Test
  void geminiTakesItsSchemaSubsetAndRefusesRefsAndAdditionalProperties() throws Exception {
    HttpResponse<String> refs =
        wire.send(
            wire.geminiRequest(
                withSchema(
                    Wire.openAiBody("gemini-2.5-flash-lite", false, "hi"),
                    coreLikeSchema(),
                    false)));
    assertThat(refs.statusCode()).isEqualTo(400);
    assertThat(message(refs))
        .contains("Unknown name \"additionalProperties\"")
        .contains("Cannot find field");

    ObjectNode subset = Wire.JSON.createObjectNode().put("type", "object");
    subset
        .putObject("properties")
        .putObject("code")
        .put("type", "string")
        .put("pattern", "^[A-Z]+$")
        .put("minLength", 1);
    subset.putArray("required").add("code");
    HttpResponse<String> ok =
        wire.send(
            wire.geminiRequest(
                withSchema(Wire.openAiBody("gemini-2.5-flash-lite", false, "hi"), subset, false)));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(fake.attempts().getLast().format()).isEqualTo("json_schema");
  }

  @Test
  void openAiStrictModeNeedsEveryPropertyRequiredAndTakesOnlyItsKeywords() throws Exception {
    HttpResponse<String> minLength =
        wire.openAi(
            withSchema(Wire.openAiBody("gpt-4o-mini", false, "hi"), coreLikeSchema(), true));
    assertThat(minLength.statusCode()).isEqualTo(400);
    assertThat(message(minLength))
        .isEqualTo(
            "Invalid schema for response_format 'TurnEvaluation': In context=('properties',"
                + " 'question'), 'minLength' is not permitted.");

    ObjectNode optional = coreLikeSchema();
    ((ObjectNode) optional.get("properties").get("question")).remove("minLength");
    optional.putArray("required").add("question");
    HttpResponse<String> missing =
        wire.openAi(withSchema(Wire.openAiBody("gpt-4o-mini", false, "hi"), optional, true));
    assertThat(message(missing)).endsWith("Missing 'score'.");

    ObjectNode good = coreLikeSchema();
    ((ObjectNode) good.get("properties").get("question")).remove("minLength");
    HttpResponse<String> ok =
        wire.openAi(withSchema(Wire.openAiBody("gpt-4o-mini", false, "hi"), good, true));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(fake.attempts().getLast().format()).isEqualTo("json_schema strict");
    // without strict the same schema with minLength is taken: only strict mode has a subset
    assertThat(
            wire.openAi(
                    withSchema(
                        Wire.openAiBody("gpt-4o-mini", false, "hi"), coreLikeSchema(), false))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void groqTakesJsonSchemaOnlyOnModelsWithStructuredOutputs() throws Exception {
    ObjectNode good = coreLikeSchema();
    ((ObjectNode) good.get("properties").get("question")).remove("minLength");
    HttpResponse<String> llama =
        wire.send(
            wire.groqRequest(
                withSchema(Wire.openAiBody("llama-3.1-8b-instant", false, "hi"), good, false)));
    assertThat(llama.statusCode()).isEqualTo(400);
    assertThat(message(llama))
        .startsWith("This model does not support response format `json_schema`");
    HttpResponse<String> oss =
        wire.send(
            wire.groqRequest(
                withSchema(Wire.openAiBody("openai/gpt-oss-20b", false, "hi"), good, true)));
    assertThat(oss.statusCode()).isEqualTo(200);
  }

  @Test
  void aReasoningModelRefusesMaxTokensAndTakesMaxCompletionTokens() throws Exception {
    HttpResponse<String> old =
        wire.openAi(Wire.openAiBody("o3-mini", false, "hi").put("max_tokens", 50));
    assertThat(old.statusCode()).isEqualTo(400);
    assertThat(message(old))
        .isEqualTo(
            "Unsupported parameter: 'max_tokens' is not supported with this model. Use"
                + " 'max_completion_tokens' instead.");
    assertThat(Wire.json(old).path("error").path("code").asText())
        .isEqualTo("unsupported_parameter");
    HttpResponse<String> hot =
        wire.openAi(Wire.openAiBody("o3-mini", false, "hi").put("temperature", 0.2));
    assertThat(message(hot)).startsWith("Unsupported value: 'temperature' does not support 0.2");
    HttpResponse<String> ok =
        wire.openAi(Wire.openAiBody("o3-mini", false, "hi").put("max_completion_tokens", 50));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(fake.attempts().getLast().tokenField()).isEqualTo("max_completion_tokens");
  }

  @Test
  void anthropicRefusesExtraInputsAMissingMaxTokensAndAnUnpairedToolResult() throws Exception {
    HttpResponse<String> extra =
        wire.anthropic(
            Wire.anthropicBody("claude-haiku-4-5", false, "hi").put("response_format", "json"));
    assertThat(extra.statusCode()).isEqualTo(400);
    assertThat(message(extra)).isEqualTo("response_format: Extra inputs are not permitted");

    ObjectNode noMax = Wire.anthropicBody("claude-haiku-4-5", false, "hi");
    noMax.remove("max_tokens");
    assertThat(message(wire.anthropic(noMax))).isEqualTo("max_tokens: Field required");

    ObjectNode orphan = Wire.anthropicBody("claude-haiku-4-5", false, "hi");
    ObjectNode result =
        ((com.fasterxml.jackson.databind.node.ArrayNode) orphan.get("messages"))
            .addObject()
            .put("role", "user");
    result
        .putArray("content")
        .addObject()
        .put("type", "tool_result")
        .put("tool_use_id", "toolu_01A")
        .put("content", "42");
    HttpResponse<String> r = wire.anthropic(orphan);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(message(r))
        .startsWith(
            "messages.1.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_01A.");
  }

  @Test
  void claudeFrom46OnRefusesAPrefillAndOlderModelsContinueIt() throws Exception {
    HttpResponse<String> banned =
        wire.anthropic(
            Wire.withPrefill(Wire.anthropicBody("claude-sonnet-4-6", false, "hi"), "Well"));
    assertThat(banned.statusCode()).isEqualTo(400);
    assertThat(message(banned))
        .isEqualTo(
            "This model does not support assistant message prefill. The conversation must end with"
                + " a user message.");
    HttpResponse<String> older =
        wire.anthropic(
            Wire.withPrefill(Wire.anthropicBody("claude-haiku-4-5", false, "hi"), "Well"));
    assertThat(older.statusCode()).isEqualTo(200);
  }

  @Test
  void aStreamedRefusalComesAsRefusalDeltasWithNoContent() throws Exception {
    HttpResponse<String> r = wire.openAi(Wire.openAiBody("gpt-4o-mini+refusal", true, "hi"));
    List<Wire.Event> events = Wire.events(r.body());
    assertThat(Wire.openAiText(events)).isEmpty();
    StringBuilder refusal = new StringBuilder();
    for (Wire.Event e : events) {
      if (!e.data().equals("[DONE]")) {
        e.json()
            .path("choices")
            .forEach(c -> refusal.append(c.path("delta").path("refusal").asText("")));
      }
    }
    assertThat(refusal).hasToString(OpenAiFormat.REFUSAL);
    JsonNode whole = Wire.json(wire.openAi(Wire.openAiBody("gpt-4o-mini+refusal", false, "hi")));
    assertThat(whole.at("/choices/0/message/content").isNull()).isTrue();
    assertThat(whole.at("/choices/0/message/refusal").asText()).isEqualTo(OpenAiFormat.REFUSAL);
  }

  @Test
  void groqStreamsCarryXGroqAndSayWhyAStreamStoppedEarly() throws Exception {
    HttpResponse<String> r =
        wire.send(wire.groqRequest(Wire.openAiBody("llama-3.1-8b-instant", true, "hi")));
    List<Wire.Event> events = Wire.events(r.body());
    assertThat(events.getFirst().json().path("x_groq").path("id").asText()).startsWith("req_");
    assertThat(events.stream().filter(e -> !e.data().equals("[DONE]")).map(Wire.Event::json))
        .anySatisfy(j -> assertThat(j.at("/x_groq/usage/completion_tokens").asInt()).isEqualTo(12));

    HttpResponse<String> stopped =
        wire.send(
            wire.groqRequest(
                Wire.openAiBody(
                    "llama-3.1-8b-instant+groq-error=over capacity+inband-after=2", true, "hi")));
    List<Wire.Event> cut = Wire.events(stopped.body());
    assertThat(cut.getLast().json().at("/x_groq/error").asText()).isEqualTo("over capacity");
    assertThat(cut).noneMatch(e -> e.data().equals("[DONE]"));
  }

  @Test
  void geminiSaysAPerDayQuotaOrAModelOffItsTierApartFromAPerMinuteLimit() throws Exception {
    HttpResponse<String> day =
        wire.send(
            wire.geminiRequest(Wire.openAiBody("gemini-2.5-flash+gemini-quota=day", false, "hi")));
    assertThat(day.statusCode()).isEqualTo(429);
    assertThat(day.body()).contains("GenerateRequestsPerDayPerProjectPerModel-FreeTier");
    HttpResponse<String> zero =
        wire.send(
            wire.geminiRequest(Wire.openAiBody("gemini-2.5-pro+gemini-quota=zero", false, "hi")));
    assertThat(message(zero)).contains("limit: 0, model: gemini-2.5-pro");
    assertThat(Wire.json(zero).get(0).at("/error/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
  }
}
