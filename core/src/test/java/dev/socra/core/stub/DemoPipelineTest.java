package dev.socra.core.stub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.core.interview.Interview;
import dev.socra.core.pipeline.Basis;
import dev.socra.core.pipeline.Criterion;
import dev.socra.core.pipeline.Critique;
import dev.socra.core.pipeline.Decision;
import dev.socra.core.pipeline.DeckOutline;
import dev.socra.core.pipeline.Finding;
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
      // The founder's findings quote what they answered (cut to a quotable length), citing it.
      List<Finding> founder =
          r.findings().stream().filter(f -> f.basis() == Basis.FOUNDER).toList();
      assertThat(founder).isNotEmpty();
      for (Finding f : founder) {
        if (f.source().equals("idea")) {
          continue;
        }
        int n = Integer.parseInt(f.source().substring(1));
        String said = interview.turns().get(n - 1).answer();
        assertThat(f.claim()).contains(said.substring(0, Math.min(40, said.length())));
      }
      assertThat(r.findings()).anyMatch(f -> f.basis() == Basis.GENERAL_KNOWLEDGE);
      assertThat(r.sizing()).hasSize(s == Specialist.MARKET ? 3 : 0);
    }
  }

  @ParameterizedTest
  @FieldSource("IDEAS")
  void specialistsDifferFromEachOther(String idea) {
    String brief = IdeaBrief.of(DemoFixtures.answered(idea, 3));
    List<String> findings =
        List.of(Specialist.values()).stream()
            .map(s -> answer(DemoFixtures.PROMPTS.specialist(s, brief)))
            .map(a -> read(SpecialistReport.class, a).findings().getLast().claim())
            .toList();
    assertThat(findings).doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @FieldSource("IDEAS")
  void synthesisCritiqueTribunalAndDeckAreValidAndAboutTheIdea(String idea) {
    String brief = IdeaBrief.of(DemoFixtures.answered(idea, 7));
    String reports = answer(DemoFixtures.PROMPTS.specialist(Specialist.MARKET, brief));

    String critique = answer(DemoFixtures.PROMPTS.devilsAdvocate(brief, reports));
    read(Critique.class, critique);
    assertThat(DemoFixtures.quotesIdea(critique, idea)).isTrue();

    String verdict = answer(DemoFixtures.PROMPTS.tribunal(brief, reports, critique));
    Verdict v = read(Verdict.class, verdict);
    assertThat(v.scores())
        .extracting(Verdict.RubricScore::criterion)
        .containsExactly(Criterion.values());
    assertThat(v.experiments()).isNotEmpty();
    assertThat(DemoFixtures.quotesIdea(verdict, idea)).isTrue();

    String plan =
        answer(DemoFixtures.PROMPTS.synthesis(brief, reports, critique, verdict, v.decision()));
    Masterplan m = read(Masterplan.class, plan);
    assertThat(m.experiments()).isNotEmpty();
    assertThat(m.phases()).hasSizeBetween(3, 4).allSatisfy(p -> assertThat(p.weeks()).isPositive());
    assertThat(m.technology()).allSatisfy(t -> assertThat(t.reason()).isNotBlank());
    assertThat(m.infrastructure().monthlyCostEstimate()).contains("$");
    assertThat(DemoFixtures.quotesIdea(m.summary(), idea)).isTrue();

    String deck = answer(DemoFixtures.PROMPTS.deck(brief, plan, verdict, reports));
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
    String a = answer(plan(IdeaBrief.of(Interview.start(idea, 7))));
    String b = answer(plan(IdeaBrief.of(Interview.start(other, 7))));
    assertThat(a).isNotEqualTo(b);
  }

  private static ChatRequest plan(String brief) {
    return DemoFixtures.PROMPTS.synthesis(brief, "", "", "test", Decision.TEST);
  }
}
