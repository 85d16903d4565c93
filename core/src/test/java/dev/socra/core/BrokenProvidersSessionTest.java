package dev.socra.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.Pipeline;
import dev.socra.core.session.InMemorySessionRepository;
import dev.socra.core.session.Session;
import dev.socra.llm.Router;
import dev.socra.llm.config.Capabilities;
import dev.socra.llm.config.CircuitSettings;
import dev.socra.llm.config.Protocol;
import dev.socra.llm.config.ProviderConfig;
import dev.socra.llm.config.RouterConfig;
import dev.socra.llm.testkit.FakeProvider;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The seed's production failure, end to end: the first provider misplaces the separator and writes
 * broken JSON for every structured answer. The founder still gets whole questions and quick replies
 * every turn, and the pipeline finishes, served where the JSON is valid.
 */
class BrokenProvidersSessionTest {
  @AutoClose FakeProvider fake = FakeProvider.start(0);

  @Test
  void aWholeSessionSurvivesAProviderThatBreaksEveryFormat() {
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
            // the broken provider stays in the route however often it fails
            .circuit(CircuitSettings.builder().minimumCalls(1000).window(1000).build());
    try (Router router = Routers.build(config)) {
      Socra socra = new Socra(router, new InMemorySessionRepository(), "default");
      Session s = socra.start("A booking tool for independent piano tuners in small towns", 4);
      while (!s.interview().complete()) {
        StringBuilder shown = new StringBuilder();
        s = socra.ask(s, shown::append);
        var open = s.interview().open();
        assertThat(shown.toString()).doesNotContain("#").doesNotContain("{");
        assertThat(open.question()).isEqualTo("So who pays for this today, and how much?");
        assertThat(open.evaluation().choices()).hasSizeBetween(2, 4);
        assertThat(open.evaluation().scores()).hasSize(8);
        s = socra.answer(s, open.evaluation().choices().getFirst());
      }
      s = socra.runPipeline(s, e -> {});
      assertThat(s.results().keySet()).containsAll(Pipeline.stages());
      // every structured stage tried the broken provider first, then went elsewhere
      assertThat(s.usage().get(Stage.SYNTHESIS).calls()).isGreaterThanOrEqualTo(3);
      assertThat(s.usage().get(Stage.SYNTHESIS).servedBy())
          .contains("small/small", "stub/socra-demo");
    }
  }
}
