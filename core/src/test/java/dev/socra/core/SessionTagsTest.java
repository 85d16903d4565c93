package dev.socra.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.Pipeline;
import dev.socra.core.session.InMemorySessionRepository;
import dev.socra.core.session.Session;
import dev.socra.core.stub.DemoStages;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.Router;
import dev.socra.llm.config.Capabilities;
import dev.socra.llm.config.CircuitSettings;
import dev.socra.llm.config.Protocol;
import dev.socra.llm.config.ProviderConfig;
import dev.socra.llm.config.RouterConfig;
import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.provider.stub.StubResponder;
import dev.socra.llm.testkit.FakeProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Every call made for a session says for whom and for what: the session, its owner and the stage,
 * on the request and on each of the router's events, through repairs and fail-overs too.
 */
class SessionTagsTest {
  static final String IDEA =
      "A subscription service that repairs and resells school uniforms for parents in Lagos";

  @AutoClose FakeProvider fake = FakeProvider.start(0);

  /** What the stub was asked, and what the router said about it. */
  private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

  private final List<RouterEvent> events = new CopyOnWriteArrayList<>();

  private Router router(RouterConfig.Builder config) {
    DemoStages demo = new DemoStages();
    StubResponder recording =
        r -> {
          requests.add(r);
          return demo.answer(r);
        };
    Router router = Routers.build(config, recording);
    router.addListener(events::add);
    return router;
  }

  private static Session wholeSession(Socra socra, Session s) {
    s = SessionTest.interviewToTheEnd(socra, s);
    return socra.runPipeline(s, e -> {});
  }

  /** The tags of every call event: attempts, successes, failures. */
  private Stream<Map<String, String>> callTags() {
    return events.stream()
        .map(
            e ->
                switch (e) {
                  case RouterEvent.AttemptFinished a -> a.tags();
                  case RouterEvent.CallSucceeded s -> s.tags();
                  case RouterEvent.CallFailed f -> f.tags();
                  case RouterEvent.TargetStateChanged c -> null;
                })
        .filter(t -> t != null);
  }

  /** The attempts made for a stage, as {@code provider:outcome}. */
  private List<String> attemptsFor(Stage stage) {
    return events.stream()
        .filter(RouterEvent.AttemptFinished.class::isInstance)
        .map(RouterEvent.AttemptFinished.class::cast)
        .filter(a -> stage.id().equals(a.tags().get(ChatRequest.TAG_STAGE)))
        .map(a -> a.attempt().target().provider() + ":" + a.attempt().outcome().kind())
        .toList();
  }

  private static String stageOf(ChatRequest r) {
    return Stage.inSystemPrompt(r.system()).orElseThrow().id();
  }

  @Test
  void everyCallOfASessionCarriesItsSessionItsOwnerAndItsStage() {
    try (Router router = router(Routers.unpaced())) {
      Socra socra = new Socra(router, new InMemorySessionRepository(), "default");
      Session s = wholeSession(socra, socra.start("founder-17", IDEA, 3));
      assertThat(s.results().keySet()).containsAll(Pipeline.stages());

      assertThat(requests).isNotEmpty();
      assertThat(requests)
          .allSatisfy(
              r ->
                  assertThat(r.tags())
                      .containsOnly(
                          Map.entry(ChatRequest.TAG_SESSION, s.id()),
                          Map.entry(ChatRequest.TAG_USER, "founder-17"),
                          Map.entry(ChatRequest.TAG_STAGE, stageOf(r))));
      List<String> stages =
          requests.stream().map(r -> r.tags().get(ChatRequest.TAG_STAGE)).distinct().toList();
      assertThat(stages).containsAll(Pipeline.stages().stream().map(Stage::id).toList());
      assertThat(stages).contains(Stage.INTERVIEW_EVALUATION.id());

      assertThat(events)
          .filteredOn(RouterEvent.CallSucceeded.class::isInstance)
          .hasSameSizeAs(requests);
      assertThat(events).noneMatch(RouterEvent.CallFailed.class::isInstance);
      assertThat(callTags())
          .allSatisfy(
              t ->
                  assertThat(t)
                      .containsEntry(ChatRequest.TAG_SESSION, s.id())
                      .containsEntry(ChatRequest.TAG_USER, "founder-17")
                      .containsKey(ChatRequest.TAG_STAGE));
    }
  }

  @Test
  void aTerminalSessionBelongsToTheLocalOwnerAndSessionsDoNotShareTags() {
    try (Router router = router(Routers.unpaced())) {
      Socra socra = new Socra(router, new InMemorySessionRepository(), "default");
      Session local = socra.ask(socra.start(IDEA, 3), t -> {});
      int before = requests.size();
      Session other = socra.ask(socra.start("founder-18", IDEA, 3), t -> {});
      assertThat(requests.subList(0, before))
          .allSatisfy(
              r ->
                  assertThat(r.tags())
                      .containsEntry(ChatRequest.TAG_USER, Session.LOCAL)
                      .containsEntry(ChatRequest.TAG_SESSION, local.id()));
      assertThat(requests.subList(before, requests.size()))
          .isNotEmpty()
          .allSatisfy(
              r ->
                  assertThat(r.tags())
                      .containsEntry(ChatRequest.TAG_USER, "founder-18")
                      .containsEntry(ChatRequest.TAG_SESSION, other.id()));
    }
  }

  @Test
  void repairsAndFailOversKeepTheTagsOfTheRequestTheyRepair() {
    // the first provider misplaces the separator and writes broken JSON for every structured answer
    fake.scriptWhen(
        "small",
        Stage.INTERVIEW_TURN.marker(),
        List.of("So who pays ###JSON### for this today, and how much?"));
    fake.script("small", List.of("Here you go: {\"scores\": [", "{\"not\": \"the schema\"}"));
    RouterConfig.Builder config =
        Routers.unpaced()
            .provider(
                ProviderConfig.builder("small", Protocol.ANTHROPIC)
                    .baseUrl(fake.anthropicBaseUrl())
                    .key("K", "test-key-anthropic-0123456789")
                    .model("small")
                    .capabilities(Capabilities.NONE.withSeparator(true)))
            .route("default", "small", "stub")
            .circuit(CircuitSettings.builder().minimumCalls(1000).window(1000).build());
    try (Router router = router(config)) {
      Socra socra = new Socra(router, new InMemorySessionRepository(), "default");
      Session s = wholeSession(socra, socra.start("founder-19", IDEA, 2));
      assertThat(s.results().keySet()).containsAll(Pipeline.stages());

      assertThat(callTags())
          .allSatisfy(
              t ->
                  assertThat(t)
                      .containsEntry(ChatRequest.TAG_SESSION, s.id())
                      .containsEntry(ChatRequest.TAG_USER, "founder-19"));
      // what the stub answered after the broken provider: fail-overs of repaired requests
      assertThat(requests)
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.tags()).containsEntry(ChatRequest.TAG_STAGE, stageOf(r)));
      // each structured stage: tried on the broken provider, repaired there, then the stub
      for (Stage stage : List.of(Stage.INTERVIEW_EVALUATION, Stage.SYNTHESIS, Stage.DECK)) {
        assertThat(attemptsFor(stage))
            .as(stage.id())
            .startsWith("small:ok", "small:ok")
            .contains("stub:ok");
      }
    }
  }
}
