package dev.socra.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.Pipeline;
import dev.socra.core.session.InMemorySessionRepository;
import dev.socra.core.session.Session;
import dev.socra.core.stub.DemoStages;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.Router;
import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.provider.stub.StubResponder;
import dev.socra.llm.testkit.FakeProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every call made for a session says for whom and for what: the session, its owner and the stage,
 * on the request and on each of the router's events, through repairs and fail-overs too.
 */
class SessionTagsTest {
  static final String IDEA =
      "A subscription service that repairs and resells school uniforms for parents in Lagos";
  static final String DEMO = "stub: { token_delay: 0ms }\n";

  @TempDir Path dir;
  @AutoClose FakeProvider fake = FakeProvider.start(0);

  /** What the stub was asked, and what the router said about it. */
  private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

  private final List<RouterEvent> events = new CopyOnWriteArrayList<>();

  private Router router(String yaml, Map<String, String> env) {
    DemoStages demo = new DemoStages();
    StubResponder recording =
        r -> {
          requests.add(r);
          return demo.answer(r);
        };
    Router router = Routers.build(dir, yaml, env, recording);
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
    try (Router router = router(DEMO, Map.of())) {
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
    try (Router router = router(DEMO, Map.of())) {
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
    // the first provider writes its question well and broken JSON for every structured answer
    fake.scriptWhen(
        "small",
        Stage.INTERVIEW_QUESTION.marker(),
        List.of("So who pays for this today, and how much?\nReplies:\n- Nobody yet\n- Not yet"));
    fake.script("small", List.of("Here you go: {\"scores\": [", "{\"not\": \"the schema\"}"));
    String yaml =
        """
        providers:
          small: { protocol: anthropic, base_url: "%s", key_env: K, model: small }
        routes: { default: [small, stub] }
        stub: { token_delay: 0ms }
        circuit: { minimum_calls: 1000, window: 1000 }
        """
            .formatted(fake.anthropicBaseUrl());
    try (Router router = router(yaml, Map.of("K", "test-key-anthropic-0123456789"))) {
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
