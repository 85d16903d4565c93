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
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** A newcomer's whole session in demo mode, through the router's stub, for each kind of idea. */
class DemoSessionTest {
  private static final List<String> IDEAS = DemoFixtures.IDEAS;

  @ParameterizedTest
  @FieldSource("IDEAS")
  void aDemoSessionStreamsItsQuestionsLastsAboutSevenTurnsAndEndsWithADeck(String idea) {
    try (Router router = Routers.demo()) {
      Socra socra = new Socra(router, new InMemorySessionRepository(), "default");
      Session s = socra.start(idea, 10);
      while (!s.interview().complete()) {
        StringBuilder streamed = new StringBuilder();
        s = socra.ask(s, streamed::append);
        assertThat(streamed.toString().strip()).isEqualTo(s.interview().open().question());
        s = socra.answer(s, s.interview().open().evaluation().choices().getFirst());
      }
      assertThat(s.interview().answered()).isBetween(5, 7);

      s = socra.runPipeline(s, e -> {});
      assertThat(s.result(Stage.SYNTHESIS, Masterplan.class).summary())
          .contains(DemoFixtures.label(idea));
      assertThat(s.result(Stage.TRIBUNAL, Verdict.class).scores()).hasSize(5);
      assertThat(s.result(Stage.DECK, DeckOutline.class).slides()).hasSize(10);
    }
  }
}
