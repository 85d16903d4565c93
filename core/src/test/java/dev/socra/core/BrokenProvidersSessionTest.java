package dev.socra.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.Pipeline;
import dev.socra.core.session.InMemorySessionRepository;
import dev.socra.core.session.Session;
import dev.socra.llm.Router;
import dev.socra.llm.testkit.FakeProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's production failure, end to end: the first provider wraps its question in JSON and code
 * fences, forgets the replies and writes broken JSON for every structured answer. The founder still
 * gets whole questions and quick replies every turn, and the pipeline finishes, served where the
 * JSON is valid.
 */
class BrokenProvidersSessionTest {
  @TempDir Path dir;
  @AutoClose FakeProvider fake = FakeProvider.start(0);

  @Test
  void aWholeSessionSurvivesAProviderThatBreaksEveryFormat() {
    fake.scriptWhen(
        "small",
        Stage.INTERVIEW_QUESTION.marker(),
        List.of(
            "So who pays for this today, and how much?\n```json\n{\"choices\": [\"12 tuners\"]}"
                + "\n```"));
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
    try (Router router = Routers.build(dir, yaml, Map.of("K", "test-key-anthropic-0123456789"))) {
      Socra socra = new Socra(router, new InMemorySessionRepository(), "default");
      Session s = socra.start("A booking tool for independent piano tuners in small towns", 4);
      while (!s.interview().complete()) {
        StringBuilder shown = new StringBuilder();
        s = socra.ask(s, shown::append);
        var open = s.interview().open();
        assertThat(shown.toString()).doesNotContain("#").doesNotContain("{");
        assertThat(open.question()).isEqualTo("So who pays for this today, and how much?");
        assertThat(open.evaluation().choices())
            .hasSizeBetween(2, 4)
            .noneMatch(c -> c.contains("12"));
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
