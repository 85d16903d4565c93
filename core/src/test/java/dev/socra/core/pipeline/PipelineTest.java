package dev.socra.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socra.core.Routers;
import dev.socra.core.Socra;
import dev.socra.core.persona.Prompts;
import dev.socra.core.persona.Stage;
import dev.socra.core.session.InMemorySessionRepository;
import dev.socra.core.session.Session;
import dev.socra.core.stub.DemoStages;
import dev.socra.llm.Router;
import dev.socra.llm.config.CircuitSettings;
import dev.socra.llm.config.Protocol;
import dev.socra.llm.config.ProviderConfig;
import dev.socra.llm.config.RouterConfig;
import dev.socra.llm.testkit.FakeProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class PipelineTest {
  static final String IDEA =
      "Pay-per-use welding robots rented to small metal workshops by the hour";

  private static Session interviewed(Router router, InMemorySessionRepository repo) {
    Socra socra = new Socra(router, repo, "default");
    Session s = socra.start(IDEA, 3);
    while (!s.interview().complete()) {
      s = socra.ask(s, t -> {});
      s = socra.answer(s, s.interview().open().evaluation().choices().getFirst());
    }
    return s;
  }

  @Test
  void aCrashedPipelineResumesWithoutRedoingFinishedStages() throws Exception {
    InMemorySessionRepository repo = new InMemorySessionRepository();
    Session interviewed;
    try (Router demo = Routers.demo()) {
      interviewed = interviewed(demo, repo);
    }
    // First run: the risk specialist's provider crashes.
    DemoStages stages = new DemoStages();
    Router crashing =
        Routers.demo(
            r -> {
              if (r.system().startsWith(Stage.SPECIALIST_RISK.marker())) {
                throw new IllegalStateException("provider process died");
              }
              return stages.answer(r);
            });
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
    try (Router demo = Routers.demo()) {
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
    try (Router demo = Routers.demo()) {
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
    RouterConfig.Builder config =
        Routers.unpaced()
            .provider(
                ProviderConfig.builder("one", Protocol.OPENAI)
                    .baseUrl(fake.openAiBaseUrl())
                    .key("K", "test-key-openai-0123456789abcdef")
                    .model("m"))
            .route("default", "one", "stub")
            .circuit(CircuitSettings.builder().minimumCalls(50).window(50).build());
    try (Router router = Routers.build(config)) {
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
}
