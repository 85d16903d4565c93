package dev.socra.core.stub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.core.Routers;
import dev.socra.core.Socra;
import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.DeckOutline;
import dev.socra.core.pipeline.Masterplan;
import dev.socra.core.pipeline.Verdict;
import dev.socra.core.session.InMemorySessionRepository;
import dev.socra.core.session.Session;
import dev.socra.llm.Router;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** A newcomer's whole session in demo mode, through the router's stub, for each kind of idea. */
class DemoSessionTest {
  private static final List<String> IDEAS = DemoFixtures.IDEAS;

  @TempDir Path dir;

  @ParameterizedTest
  @FieldSource("IDEAS")
  void aDemoSessionStreamsItsQuestionsEndsWhenEvidenceIsInAndEndsWithADeck(String idea) {
    try (Router router = Routers.demo(dir)) {
      Socra socra = new Socra(router, new InMemorySessionRepository(), "default");
      Session s = socra.start(idea, 10);
      while (!s.interview().complete()) {
        StringBuilder streamed = new StringBuilder();
        s = socra.ask(s, streamed::append);
        // the founder sees the question alone, never the replies written after it
        assertThat(streamed.toString().strip()).isEqualTo(s.interview().open().question());
        int n = s.interview().turns().size();
        s = socra.answer(s, DemoFixtures.COUNTED.apply(n, s.interview().open()));
      }
      // typed answers with numbers are evidence: enough is known before the cap
      assertThat(s.interview().answered()).isBetween(3, 9);

      s = socra.runPipeline(s, e -> {});
      assertThat(s.result(Stage.SYNTHESIS, Masterplan.class).summary())
          .contains(DemoFixtures.name(idea));
      assertThat(s.result(Stage.TRIBUNAL, Verdict.class).scores()).hasSize(5);
      assertThat(s.result(Stage.DECK, DeckOutline.class).slides()).hasSize(10);
    }
  }

  @ParameterizedTest
  @FieldSource("IDEAS")
  void aFounderWhoOnlyClicksQuickRepliesIsAskedUpToTheCap(String idea) {
    try (Router router = Routers.demo(dir)) {
      Socra socra = new Socra(router, new InMemorySessionRepository(), "default");
      Session s = socra.start(idea, 6);
      while (!s.interview().complete()) {
        s = socra.ask(s, t -> {});
        s = socra.answer(s, s.interview().open().evaluation().choices().getFirst());
      }
      assertThat(s.interview().answered()).isEqualTo(6);
      assertThat(s.interview().turns()).allMatch(t -> t.quickReply());
    }
  }
}
