package dev.socra.core.stub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.core.interview.Interview;
import dev.socra.core.pipeline.Criterion;
import dev.socra.core.pipeline.Critique;
import dev.socra.core.pipeline.DeckOutline;
import dev.socra.core.pipeline.IdeaBrief;
import dev.socra.core.pipeline.Masterplan;
import dev.socra.core.pipeline.Specialist;
import dev.socra.core.pipeline.SpecialistReport;
import dev.socra.core.pipeline.Verdict;
import dev.socra.core.structured.Validity;
import dev.socra.llm.ChatRequest;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The pipeline's stages in demo mode: valid, specific to the idea, the same every time. */
class DemoPipelineTest {
  private static final List<String> IDEAS = DemoFixtures.IDEAS;

  private static <T> T read(Class<T> type, String answer) {
    Validity.Result<T> r = new Validity<>(type, x -> List.<String>of()).read(answer);
    assertThat(r.errors()).as(answer).isEmpty();
    return r.value();
  }

  private static String answer(ChatRequest request) {
    String a = DemoFixtures.DEMO.answer(request);
    assertThat(new DemoStages().answer(request)).isEqualTo(a);
    return a;
  }

  @ParameterizedTest
  @FieldSource("IDEAS")
  void specialistsReportOnTheirOwnFocusWithTheFoundersEvidence(String idea) {
    Interview interview = DemoFixtures.answered(idea, 5);
    String brief = IdeaBrief.of(interview);
    for (Specialist s : Specialist.values()) {
      String answer = answer(DemoFixtures.PROMPTS.specialist(s, brief));
      SpecialistReport r = read(SpecialistReport.class, answer);
      assertThat(r.specialist()).isEqualTo(s);
      assertThat(r.confidence()).isBetween(0.3, 0.8);
      assertThat(r.openQuestions()).isNotEmpty();
      assertThat(r.summary()).contains(s.focus());
      assertThat(DemoFixtures.quotesIdea(answer, idea)).isTrue();
      // Evidence quotes what the founder answered (cut to a quotable length).
      String firstAnswer = interview.turns().getFirst().answer();
      assertThat(String.join("\n", r.evidence()))
          .containsAnyOf(
              interview.turns().stream()
                  .map(t -> t.answer().substring(0, Math.min(40, t.answer().length())))
                  .toArray(String[]::new));
      assertThat(firstAnswer).isNotBlank();
    }
  }

  @ParameterizedTest
  @FieldSource("IDEAS")
  void specialistsDifferFromEachOther(String idea) {
    String brief = IdeaBrief.of(DemoFixtures.answered(idea, 3));
    List<String> findings =
        List.of(Specialist.values()).stream()
            .map(s -> answer(DemoFixtures.PROMPTS.specialist(s, brief)))
            .map(a -> read(SpecialistReport.class, a).findings().getFirst())
            .toList();
    assertThat(findings).doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @FieldSource("IDEAS")
  void synthesisCritiqueTribunalAndDeckAreValidAndAboutTheIdea(String idea) {
    String brief = IdeaBrief.of(DemoFixtures.answered(idea, 7));
    String reports = answer(DemoFixtures.PROMPTS.specialist(Specialist.MARKET, brief));

    String plan = answer(DemoFixtures.PROMPTS.synthesis(brief, reports));
    Masterplan m = read(Masterplan.class, plan);
    assertThat(m.phases()).hasSizeBetween(3, 4).allSatisfy(p -> assertThat(p.weeks()).isPositive());
    assertThat(m.technology()).allSatisfy(t -> assertThat(t.reason()).isNotBlank());
    assertThat(m.infrastructure().monthlyCostEstimate()).contains("$");
    assertThat(DemoFixtures.quotesIdea(m.summary(), idea)).isTrue();

    String critique = answer(DemoFixtures.PROMPTS.devilsAdvocate(brief, plan));
    read(Critique.class, critique);
    assertThat(DemoFixtures.quotesIdea(critique, idea)).isTrue();

    String verdict = answer(DemoFixtures.PROMPTS.tribunal(brief, reports, critique));
    Verdict v = read(Verdict.class, verdict);
    assertThat(v.scores())
        .extracting(Verdict.RubricScore::criterion)
        .containsExactly(Criterion.values());
    assertThat(DemoFixtures.quotesIdea(verdict, idea)).isTrue();

    String deck = answer(DemoFixtures.PROMPTS.deck(brief, plan, verdict));
    DeckOutline d = read(DeckOutline.class, deck);
    assertThat(d.slides())
        .extracting(DeckOutline.Slide::title)
        .containsExactly(
            "Purpose",
            "Problem",
            "Solution",
            "Why now",
            "Market potential",
            "Competition",
            "Product",
            "Business model",
            "Team",
            "Financials");
    assertThat(DemoFixtures.quotesIdea(deck, idea)).isTrue();
  }

  @ParameterizedTest
  @FieldSource("IDEAS")
  void differentIdeasGetDifferentPlans(String idea) {
    String other = idea.equals(DemoFixtures.SHORT) ? DemoFixtures.GERMAN : DemoFixtures.SHORT;
    String a = answer(DemoFixtures.PROMPTS.synthesis(IdeaBrief.of(Interview.start(idea, 7)), ""));
    String b = answer(DemoFixtures.PROMPTS.synthesis(IdeaBrief.of(Interview.start(other, 7)), ""));
    assertThat(a).isNotEqualTo(b);
  }
}
