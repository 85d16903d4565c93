package dev.socra.core.structured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.core.Routers;
import dev.socra.core.pipeline.Critique;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.Router;
import dev.socra.llm.config.Capabilities;
import dev.socra.llm.config.Protocol;
import dev.socra.llm.config.ProviderConfig;
import dev.socra.llm.config.RouterConfig;
import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.testkit.FakeProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Valid JSON or an honest failure: repair once, then the next target, against fake providers. */
class StructuredOutputTest {
  static final String VALID =
      "{\"strongestCase\":\"Nobody pays\",\"weaknesses\":[\"no pilots\",\"thin margin\"],"
          + "\"killCriteria\":[\"no paid pilot in 60 days\",\"churn over 10% a month\"]}";
  static final Validity<Critique> CRITIQUE = new Validity<>(Critique.class, c -> List.of());

  @AutoClose FakeProvider fake = FakeProvider.start(0);

  Router router(String... models) {
    RouterConfig.Builder config = RouterConfig.builder();
    List<String> route = new ArrayList<>();
    for (int i = 0; i < models.length; i++) {
      config.provider(
          ProviderConfig.builder("p" + i, Protocol.OPENAI)
              .baseUrl(fake.openAiBaseUrl())
              .key("K", "test-key-openai-0123456789abcdef")
              .model(models[i])
              .capabilities(Capabilities.NONE.withJsonSchema(true)));
      route.add("p" + i);
    }
    return Routers.build(config.route("default", route));
  }

  @Test
  void aValidAnswerIsTakenAndTheSchemaWasSentNatively() throws Exception {
    fake.script("good", List.of(VALID));
    try (Router router = router("good")) {
      Structured<Critique> r =
          new StructuredOutput(router).complete(ChatRequest.of("attack it"), CRITIQUE);
      assertThat(r.value().killCriteria()).hasSize(2);
      assertThat(r.calls()).hasSize(1);
    }
  }

  @Test
  void anInvalidAnswerIsRepairedOnceWithItsErrors() {
    fake.script(
        "sloppy",
        List.of("Sure! ```json\n{\"strongestCase\":\"x\",\"weaknesses\":[]}\n```", VALID));
    try (Router router = router("sloppy")) {
      Structured<Critique> r =
          new StructuredOutput(router).complete(ChatRequest.of("attack it"), CRITIQUE);
      assertThat(r.calls()).hasSize(2);
      assertThat(r.value().strongestCase()).isEqualTo("Nobody pays");
    }
  }

  @Test
  void twoBadAnswersSendTheCallToTheNextTarget() {
    fake.script("broken", List.of("{not json", "still {not json"));
    fake.script("fine", List.of(VALID));
    try (Router router = router("broken", "fine")) {
      Structured<Critique> r =
          new StructuredOutput(router).complete(ChatRequest.of("attack it"), CRITIQUE);
      assertThat(r.calls()).hasSize(3);
      assertThat(r.calls().getLast().servedBy().provider()).isEqualTo("p1");
    }
  }

  @Test
  void repairsAndTheNextTargetKeepTheRequestsTags() {
    fake.script("broken", List.of("{not json", "still {not json", VALID));
    fake.script("fine", List.of(VALID));
    Map<String, String> tags = Map.of(ChatRequest.TAG_SESSION, "s-1", ChatRequest.TAG_STAGE, "x");
    ChatRequest request = ChatRequest.of("attack it").withTags(tags);
    List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
    try (Router router = router("broken", "fine")) {
      router.addListener(
          e -> {
            if (e instanceof RouterEvent.CallSucceeded s) {
              seen.add(s.tags());
            }
          });
      StructuredOutput structured = new StructuredOutput(router);
      assertThat(structured.complete(request, CRITIQUE).calls()).hasSize(3);
    }
    // first answer, its repair, the next target
    assertThat(seen).hasSize(3).containsOnly(tags);
  }

  @Test
  void whenNoTargetWritesValidJsonItFailsWithTheErrorsNeverAnEmptyValue() {
    fake.script(
        "empty", List.of("{\"strongestCase\":\"x\",\"weaknesses\":[],\"killCriteria\":[]}"));
    try (Router router = router("empty")) {
      assertThatThrownBy(
              () -> new StructuredOutput(router).complete(ChatRequest.of("attack it"), CRITIQUE))
          .isInstanceOfSatisfying(
              StructuredOutputException.class, e -> assertThat(e.calls()).hasSize(2))
          .hasMessageContaining("Critique")
          .hasMessageContaining("weaknesses");
    }
  }

  @Test
  void theSchemaIsGeneratedFromTheRecord() throws Exception {
    var schema = Schemas.of(Critique.class);
    assertThat(schema.path("required")).hasSize(3);
    assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    assertThat(schema.path("properties").path("killCriteria").path("minItems").asInt())
        .isEqualTo(2);
    assertThat(SchemaCheck.errors(Critique.class, new ObjectMapper().readTree(VALID))).isEmpty();
  }

  @Test
  void theModelIsShownAFilledInExampleAndLimitsNotARawSchema() {
    ChatRequest asked =
        StructuredOutput.withSchema(
            ChatRequest.of("attack it").withSystem("Socra stage: devils-advocate"), CRITIQUE);
    assertThat(asked.system())
        .contains("Use exactly the fields of this example, in this order")
        .contains("\"weaknesses\":[")
        .contains("- weaknesses: 2 to 8 items")
        .doesNotContain("$defs")
        .doesNotContain("$ref")
        .doesNotContain("\"type\"");
    // the schema itself still goes natively to targets that take one
    assertThat(asked.format())
        .isEqualTo(
            new dev.socra.llm.ResponseFormat.JsonSchema("Critique", Schemas.of(Critique.class)));
  }

  @Test
  void aRepairSendsTheBrokenJsonAndItsErrorsNotTheConversationAgain() {
    String transcript = "<answer>" + "We visited forty workshops. ".repeat(200) + "</answer>";
    dev.socra.core.ScriptedModel model =
        new dev.socra.core.ScriptedModel()
            .script(
                dev.socra.core.persona.Stage.DEVILS_ADVOCATE,
                "Sure! {\"weaknesses\": [\"one\"], \"strongestCase\": \"x\"}",
                VALID);
    ChatRequest request =
        ChatRequest.of(transcript)
            .withSystem(dev.socra.core.persona.Stage.DEVILS_ADVOCATE.marker() + "\nYou attack.");
    try (Router router = Routers.build(Routers.unpaced(), model)) {
      Structured<Critique> r = new StructuredOutput(router).complete(request, CRITIQUE);
      assertThat(r.value().strongestCase()).isEqualTo("Nobody pays");
    }
    ChatRequest repair = model.requests().getLast();
    assertThat(repair.messages()).hasSize(1);
    assertThat(repair.lastUserMessage())
        .startsWith(StructuredOutput.REPAIR_OPENING)
        .contains("{\"weaknesses\":[\"one\"],\"strongestCase\":\"x\"}")
        .contains("killCriteria")
        .doesNotContain("forty workshops");
    assertThat(repair.system())
        .startsWith(dev.socra.core.persona.Stage.DEVILS_ADVOCATE.marker())
        .contains("Use exactly the fields of this example");
    assertThat(repair.lastUserMessage().length()).isLessThan(transcript.length() / 5);
  }
}
