package dev.socra.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socra.core.Routers;
import dev.socra.core.ScriptedModel;
import dev.socra.core.Socra;
import dev.socra.core.persona.Prompts;
import dev.socra.core.persona.Stage;
import dev.socra.core.session.InMemorySessionRepository;
import dev.socra.core.session.Session;
import dev.socra.core.stub.DemoStages;
import dev.socra.llm.Router;
import dev.socra.llm.config.ConfigLoader;
import dev.socra.llm.testkit.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {
  static final String IDEA =
      "Pay-per-use welding robots rented to small metal workshops by the hour";

  @TempDir Path dir;

  /** Three answers in the founder's own words, one with a number. */
  static final List<String> ANSWERS =
      List.of(
          "Last month I visited 12 workshops and 3 of them rent a welder by the day already.",
          "Owners of two to ten person metal shops, mostly doing gates and railings.",
          "They pay a day rate to a hire company, usually when a big order comes in.");

  private static Session interviewed(Router router, InMemorySessionRepository repo) {
    Socra socra = new Socra(router, repo, "default");
    Session s = socra.start(IDEA, 3);
    while (!s.interview().complete()) {
      s = socra.ask(s, t -> {});
      s = socra.answer(s, ANSWERS.get(s.interview().answered()));
    }
    return socra.close(s);
  }

  @Test
  void aCrashedPipelineResumesWithoutRedoingFinishedStages() throws Exception {
    InMemorySessionRepository repo = new InMemorySessionRepository();
    Session interviewed;
    try (Router demo = Routers.demo(dir)) {
      interviewed = interviewed(demo, repo);
    }
    // First run: the risk specialist's provider crashes.
    DemoStages stages = new DemoStages();
    Path file = dir.resolve("crash.yaml");
    Files.writeString(file, "stub: { token_delay: 0ms }\n");
    Router crashing =
        Router.builder(ConfigLoader.load(Map.of("SOCRA_CONFIG", file.toString())))
            .stubResponder(
                r -> {
                  if (r.system().startsWith(Stage.SPECIALIST_RISK.marker())) {
                    throw new IllegalStateException("provider process died");
                  }
                  return stages.answer(r);
                })
            .build();
    Session start = interviewed;
    try (crashing) {
      assertThatThrownBy(() -> new Socra(crashing, repo, "default").runPipeline(start, e -> {}))
          .isInstanceOfSatisfying(
              PipelineFailedException.class,
              e -> assertThat(e.failures()).containsOnlyKeys(Stage.SPECIALIST_RISK));
    }
    Session saved = repo.find(start.id()).orElseThrow();
    assertThat(saved.results())
        .containsKeys(Stage.SPECIALIST_MARKET, Stage.SPECIALIST_ECONOMICS)
        .doesNotContainKey(Stage.SPECIALIST_RISK);

    // Second run, on the saved session: only what is missing runs.
    List<PipelineEvent> events = new CopyOnWriteArrayList<>();
    try (Router demo = Routers.demo(dir)) {
      Session done = new Socra(demo, repo, "default").runPipeline(saved, events::add);
      assertThat(done.results().keySet()).containsAll(Pipeline.stages());
    }
    assertThat(events)
        .filteredOn(e -> e instanceof PipelineEvent.Reused)
        .extracting(PipelineEvent::stage)
        .containsExactlyInAnyOrder(
            Stage.SPECIALIST_MARKET,
            Stage.SPECIALIST_ARCHITECTURE,
            Stage.SPECIALIST_ECONOMICS,
            Stage.SPECIALIST_GO_TO_MARKET);
    assertThat(events)
        .filteredOn(e -> e instanceof PipelineEvent.Started)
        .extracting(PipelineEvent::stage)
        .containsExactlyInAnyOrder(
            Stage.SPECIALIST_RISK,
            Stage.SYNTHESIS,
            Stage.DEVILS_ADVOCATE,
            Stage.TRIBUNAL,
            Stage.DECK);
  }

  @AutoClose FakeProvider fake = FakeProvider.start(0);

  @Test
  void aSpecialistWhoseProviderFailsMidPipelineIsServedByTheNextTarget() throws Exception {
    InMemorySessionRepository repo = new InMemorySessionRepository();
    Session interviewed;
    try (Router demo = Routers.demo(dir)) {
      interviewed = interviewed(demo, repo);
    }
    // The fake answers each specialist with what the demo stub would write for that request.
    Prompts prompts = new Prompts("default");
    String brief = IdeaBrief.of(interviewed.interview());
    DemoStages stub = new DemoStages();
    for (Specialist s : Specialist.values()) {
      fake.scriptWhen(
          "m", Stage.of(s).marker(), List.of(stub.answer(prompts.specialist(s, brief))));
    }
    // ... but two of the five parallel calls meet an overloaded provider
    fake.setBehaviour("m", "status=503+times=2");
    String yaml =
        """
        providers:
          one: { base_url: "%s", key_env: K, model: m }
        routes: { default: [one, stub] }
        stub: { token_delay: 0ms }
        circuit: { minimum_calls: 50, window: 50 }
        """
            .formatted(fake.openAiBaseUrl());
    try (Router router =
        Routers.build(dir, yaml, Map.of("K", "test-key-openai-0123456789abcdef"))) {
      Session done = new Pipeline(router, prompts, repo, e -> {}).run(interviewed);
      assertThat(done.results().keySet()).containsAll(Pipeline.stages());
      long byFake = 0;
      long retried = 0;
      for (Specialist s : Specialist.values()) {
        var usage = done.usage().get(Stage.of(s));
        byFake += usage.servedBy().contains("one/m") ? 1 : 0;
        retried += usage.retried() ? 1 : 0;
      }
      assertThat(byFake).isEqualTo(3);
      assertThat(retried).isEqualTo(2);
    }
  }

  @Test
  void theCritiqueAndTheVerdictAreMadeFromTheEvidenceBeforeThePlanIsWritten() {
    InMemorySessionRepository repo = new InMemorySessionRepository();
    ScriptedModel model = new ScriptedModel();
    List<PipelineEvent> events = new CopyOnWriteArrayList<>();
    try (Router router = Routers.build(dir, "stub: { token_delay: 0ms }\n", Map.of(), model)) {
      Session s = interviewed(router, repo);
      new Socra(router, repo, "default").runPipeline(s, events::add);
    }
    List<Stage> finished =
        events.stream()
            .filter(e -> e instanceof PipelineEvent.Finished)
            .map(PipelineEvent::stage)
            .toList();
    assertThat(finished.subList(5, 9))
        .containsExactly(Stage.DEVILS_ADVOCATE, Stage.TRIBUNAL, Stage.SYNTHESIS, Stage.DECK);
    assertThat(Pipeline.stages().subList(5, 9)).isEqualTo(finished.subList(5, 9));
    // the devil's advocate sees the findings with their basis, not a plan
    String attacked = model.requests(Stage.DEVILS_ADVOCATE).getFirst().lastUserMessage();
    assertThat(attacked)
        .contains("What the specialists found")
        .contains("[founder, A")
        .contains("[general knowledge, unchecked]");
    assertThat(attacked).doesNotContain("Components:");
    // the plan is written to the verdict; the deck gets the market and economics findings
    var synthesis = model.requests(Stage.SYNTHESIS).getFirst();
    assertThat(synthesis.system()).contains("The verdict is");
    assertThat(synthesis.lastUserMessage()).contains("The verdict:").contains("Experiments:");
    String deck = model.requests(Stage.DECK).getFirst().lastUserMessage();
    assertThat(deck)
        .contains("The market and economics findings")
        .contains("## Market and customer")
        .contains("## Unit economics")
        .doesNotContain("## Risk, legal");
  }

  @Test
  void aSessionSavedMidPipelineUnderTheEarlierOrderKeepsItsPlanAndGetsItsCritiqueAndVerdict()
      throws Exception {
    InMemorySessionRepository repo = new InMemorySessionRepository();
    Session saved;
    Masterplan plan;
    try (Router demo = Routers.demo(dir)) {
      saved = interviewed(demo, repo);
      Session full = new Socra(demo, repo, "default").runPipeline(saved, e -> {});
      // as the earlier order left it: specialists and a plan written before any verdict, in the
      // shape plans had then (summary first, no experiments)
      String oldPlan =
          """
          {"summary": "Build it as one web app.",
           "components": [{"name": "Web app", "responsibility": "Everything"},
                          {"name": "Database", "responsibility": "Storage"}],
           "dataFlows": ["The app writes to the database"],
           "dataModel": [{"name": "Account", "fields": ["id"]}],
           "technology": [{"area": "Backend", "choice": "Java", "reason": "Known"}],
           "phases": [{"name": "One", "milestone": "Live", "deliverables": ["App"], "weeks": 4},
                      {"name": "Two", "milestone": "Paid", "deliverables": ["Billing"], "weeks": 4}],
           "infrastructure": {"hosting": "One server", "monthlyCostEstimate": "$40"},
           "keyMetrics": ["Users", "Revenue"]}
          """;
      plan = STORED.readValue(oldPlan, Masterplan.class);
      assertThat(plan.experiments()).isEmpty();
      saved = Session.start(saved.id(), saved.owner(), full.interview());
      for (Specialist sp : Specialist.values()) {
        saved = saved.withResult(Stage.of(sp), full.result(Stage.of(sp), SpecialistReport.class));
      }
      saved = saved.withResult(Stage.SYNTHESIS, plan);
      repo.save(saved);
    }
    List<PipelineEvent> events = new CopyOnWriteArrayList<>();
    try (Router demo = Routers.demo(dir)) {
      Session done = new Socra(demo, repo, "default").runPipeline(saved, events::add);
      assertThat(done.results().keySet()).containsAll(Pipeline.stages());
      assertThat(done.result(Stage.SYNTHESIS, Masterplan.class)).isEqualTo(plan);
      assertThat(dev.socra.core.report.SessionMarkdown.render(done))
          .contains("Build it as one web app.")
          .contains("## Verdict")
          .doesNotContain("### Experiments first");
    }
    assertThat(events)
        .filteredOn(e -> e instanceof PipelineEvent.Started)
        .extracting(PipelineEvent::stage)
        .containsExactly(Stage.DEVILS_ADVOCATE, Stage.TRIBUNAL, Stage.DECK);
    assertThat(events)
        .filteredOn(e -> e instanceof PipelineEvent.Reused)
        .extracting(PipelineEvent::stage)
        .contains(Stage.SYNTHESIS);
  }

  /** Reads results as a database that stored them under an earlier shape does. */
  static final com.fasterxml.jackson.databind.ObjectMapper STORED =
      new com.fasterxml.jackson.databind.ObjectMapper()
          .configure(
              com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
              false);

  /** Two model families on one route, both answering every stage with its example. */
  private Router twoFamilies(String route) {
    for (String model : List.of("claude-haiku-4-5", "gpt-4o-mini")) {
      for (Specialist sp : Specialist.values()) {
        fake.scriptWhen(model, Stage.of(sp).marker(), List.of(Checks.report(sp).exampleJson()));
      }
      fake.scriptWhen(
          model, Stage.DEVILS_ADVOCATE.marker(), List.of(Checks.CRITIQUE.exampleJson()));
      fake.scriptWhen(model, Stage.TRIBUNAL.marker(), List.of(Checks.VERDICT.exampleJson()));
      fake.scriptWhen(model, Stage.SYNTHESIS.marker(), List.of(Checks.MASTERPLAN.exampleJson()));
      fake.scriptWhen(model, Stage.DECK.marker(), List.of(Checks.DECK.exampleJson()));
    }
    String yaml =
        """
        providers:
          a: { base_url: "%1$s", key_env: K, model: claude-haiku-4-5 }
          b: { base_url: "%1$s", key_env: K, model: gpt-4o-mini }
        routes: { default: [%2$s] }
        circuit: { minimum_calls: 50, window: 50 }
        """
            .formatted(fake.openAiBaseUrl(), route);
    return Routers.build(dir, yaml, Map.of("K", "test-key-openai-0123456789abcdef"));
  }

  private Session interviewedOnDemo(InMemorySessionRepository repo) {
    try (Router demo = Routers.demo(dir)) {
      return interviewed(demo, repo);
    }
  }

  @Test
  void theTribunalJudgesOnAnotherModelFamilyThanTheOneThatWroteTheFindings() {
    InMemorySessionRepository repo = new InMemorySessionRepository();
    Session s = interviewedOnDemo(repo);
    try (Router router = twoFamilies("a, b")) {
      Session done = new Socra(router, repo, "default").runPipeline(s, e -> {});
      for (Specialist sp : Specialist.values()) {
        assertThat(done.usage().get(Stage.of(sp)).servedBy()).containsExactly("a/claude-haiku-4-5");
      }
      assertThat(done.usage().get(Stage.TRIBUNAL).servedBy()).containsExactly("b/gpt-4o-mini");
      assertThat(done.usage().get(Stage.SYNTHESIS).servedBy())
          .containsExactly("a/claude-haiku-4-5");
    }
  }

  @Test
  void whenTheOtherFamilyFailsTheTribunalIsJudgedWhereverItCanBe() {
    InMemorySessionRepository repo = new InMemorySessionRepository();
    Session s = interviewedOnDemo(repo);
    fake.setBehaviour("gpt-4o-mini", "status=503");
    try (Router router = twoFamilies("a, b")) {
      Session done = new Socra(router, repo, "default").runPipeline(s, e -> {});
      assertThat(done.usage().get(Stage.TRIBUNAL).servedBy()).containsExactly("a/claude-haiku-4-5");
      assertThat(done.result(Stage.TRIBUNAL, Verdict.class)).isNotNull();
    }
  }

  @Test
  void aPursueWithoutEvidenceOfDemandIsSavedAsATest() {
    InMemorySessionRepository repo = new InMemorySessionRepository();
    Session s = interviewedOnDemo(repo);
    Verdict eager = TribunalRulesTest.verdict(Decision.PURSUE, 1, "3 of 10 clinics pay");
    ScriptedModel model = new ScriptedModel().script(Stage.TRIBUNAL, json(eager));
    try (Router router = Routers.build(dir, "stub: { token_delay: 0ms }\n", Map.of(), model)) {
      Session done = new Socra(router, repo, "default").runPipeline(s, e -> {});
      assertThat(done.result(Stage.TRIBUNAL, Verdict.class).decision()).isEqualTo(Decision.TEST);
      assertThat(model.requests(Stage.SYNTHESIS).getFirst().system())
          .contains("The verdict is test");
    }
  }

  @Test
  void aFindingCreditedToTheFounderWithoutAnAnswerToCiteBecomesAnInference() {
    SpecialistReport r =
        new SpecialistReport(
            Specialist.MARKET,
            List.of(
                new Finding(Basis.FOUNDER, "A2", "Cited"),
                new Finding(Basis.FOUNDER, "A2, A3", "Cited twice"),
                new Finding(Basis.FOUNDER, "A9", "No ninth answer"),
                new Finding(Basis.FOUNDER, "", "Nothing cited"),
                new Finding(Basis.FOUNDER, "the interview", "Vague")),
            List.of(new SizingInput("clinics", Basis.FOUNDER, "A7", "120")),
            List.of("q"),
            "s",
            0.5);
    SpecialistReport traced = Checks.traced(r, 3);
    assertThat(traced.findings())
        .extracting(Finding::basis)
        .containsExactly(
            Basis.FOUNDER, Basis.FOUNDER, Basis.INFERENCE, Basis.INFERENCE, Basis.INFERENCE);
    assertThat(traced.sizing().getFirst().basis()).isEqualTo(Basis.INFERENCE);
  }

  private static String json(Object value) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
