package dev.socra.core.stub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.core.Routers;
import dev.socra.core.Socra;
import dev.socra.core.interview.Assumption;
import dev.socra.core.interview.AssumptionStatus;
import dev.socra.core.interview.Dimension;
import dev.socra.core.interview.DimensionScore;
import dev.socra.core.interview.Turn;
import dev.socra.core.interview.TurnEvaluation;
import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.Criterion;
import dev.socra.core.pipeline.Decision;
import dev.socra.core.pipeline.Specialist;
import dev.socra.core.pipeline.SpecialistReport;
import dev.socra.core.pipeline.Verdict;
import dev.socra.core.session.InMemorySessionRepository;
import dev.socra.core.session.Session;
import dev.socra.llm.Router;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Demo mode is every new user's first impression: it must not reward "idk". An answer that says
 * nothing lowers or holds the score it was about, leaves its assumption untested and is pressed on;
 * a concrete answer raises it; the scores, the assumptions, the verdict and the specialists'
 * confidence agree with each other and with what was said.
 */
class DemoListensTest {
  static final String PHYSIO =
      "A marketplace that lets independent physiotherapists rent treatment rooms by the hour from"
          + " clinics with spare capacity, so they can see private patients without signing a"
          + " lease. We take a 15% booking fee from each booking.";

  static final List<String> EVASIVE = List.of("idk", "no", "asdf", "idk", "no", "asdf", "idk");

  static final List<String> CONCRETE =
      List.of(
          "Last month 4 physios I know lost private patients because they had no room on Tuesday"
              + " evenings.",
          "I spoke to 12 independent physiotherapists in Leeds in March; 9 rent rooms ad hoc from"
              + " gyms.",
          "There are 1,400 independent physiotherapists registered with the HCPC in Yorkshire.",
          "Today they message clinic managers on WhatsApp; Sarah at Headingley Physio spends 3"
              + " hours a week on it.",
          "3 physios paid the 15% fee on 20 bookings we arranged by hand in April, about £600.",
          "I ran a clinic for 6 years and know 30 clinic owners with empty rooms.",
          "I built a booking system for 200 users at my last job in 2023.");

  /** A whole demo session, each question answered in turn from {@code answers}. */
  static Session session(String idea, List<String> answers) {
    return session(idea, answers.size(), (t) -> answers.get(t.number() - 1));
  }

  static Session session(String idea, int turns, Function<Turn, String> answer) {
    try (Router router = Routers.demo()) {
      Socra socra = new Socra(router, new InMemorySessionRepository(), "default");
      Session s = socra.start(idea, turns);
      while (!s.interview().complete()) {
        s = socra.ask(s, t -> {});
        s = socra.answer(s, answer.apply(s.interview().open()));
      }
      return socra.runPipeline(s, e -> {});
    }
  }

  private static int total(TurnEvaluation e) {
    return e.scores().stream().mapToInt(DimensionScore::score).sum();
  }

  private static double confidence(Session s) {
    return List.of(Specialist.values()).stream()
        .mapToDouble(sp -> s.result(Stage.of(sp), SpecialistReport.class).confidence())
        .average()
        .orElse(0);
  }

  private static double rubricMean(Verdict v) {
    return v.scores().stream().mapToInt(Verdict.RubricScore::score).average().orElse(0);
  }

  @Test
  void evasiveAnswersEndLowUntestedAndNotPursuedWhileConcreteOnesEndHigher() {
    Session evasive = session(PHYSIO, EVASIVE);
    Session concrete = session(PHYSIO, CONCRETE);

    TurnEvaluation idea = evasive.interview().turns().getFirst().evaluation();
    TurnEvaluation low = evasive.interview().latest();
    TurnEvaluation high = concrete.interview().latest();
    // nothing the founder said raised a score: each stands at or below what the idea alone gave
    for (DimensionScore s : low.scores()) {
      assertThat(s.score()).as(s.dimension().id()).isLessThanOrEqualTo(idea.score(s.dimension()));
    }
    assertThat(total(low)).isLessThan(total(idea));
    assertThat(low.assumptions())
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a.status()).isEqualTo(AssumptionStatus.UNTESTED));
    assertThat(low.enoughKnown()).isFalse();
    assertThat(evasive.interview().answered()).isEqualTo(EVASIVE.size());

    Verdict lowVerdict = evasive.result(Stage.TRIBUNAL, Verdict.class);
    assertThat(lowVerdict.decision()).isIn(Decision.DROP, Decision.PIVOT, Decision.TEST);
    assertThat(lowVerdict.reasons().getFirst()).contains("no evidence").contains("\"idk\"");

    assertThat(total(high)).isGreaterThan(total(idea)).isGreaterThan(total(low) + 20);
    assertThat(high.assumptions()).anyMatch(a -> a.status() == AssumptionStatus.SUPPORTED);
    Verdict highVerdict = concrete.result(Stage.TRIBUNAL, Verdict.class);
    assertThat(rubricMean(highVerdict)).isGreaterThan(rubricMean(lowVerdict) + 1);
    assertThat(highVerdict.score(Criterion.EVIDENCE_OF_DEMAND))
        .isGreaterThan(lowVerdict.score(Criterion.EVIDENCE_OF_DEMAND));
  }

  @Test
  void specialistsConfidenceFollowsTheEvidenceAndDiffersBetweenThem() {
    Session evasive = session(PHYSIO, EVASIVE);
    Session concrete = session(PHYSIO, CONCRETE);
    assertThat(confidence(concrete)).isGreaterThan(confidence(evasive) + 0.2);
    for (Specialist sp : Specialist.values()) {
      assertThat(concrete.result(Stage.of(sp), SpecialistReport.class).confidence())
          .as(sp.title())
          .isGreaterThanOrEqualTo(
              evasive.result(Stage.of(sp), SpecialistReport.class).confidence());
    }
    assertThat(concrete.result(Stage.SPECIALIST_MARKET, SpecialistReport.class).confidence())
        .isGreaterThan(
            evasive.result(Stage.SPECIALIST_MARKET, SpecialistReport.class).confidence());
    assertThat(
            List.of(Specialist.values()).stream()
                .map(sp -> evasive.result(Stage.of(sp), SpecialistReport.class).confidence())
                .distinct()
                .count())
        .isGreaterThan(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"idk", "no", "asdf", "30", "?", "We're still early, so I can't say."})
  void anAnswerThatSaysNothingLowersTheScoreItWasAboutAndIsPressedOn(String answer) {
    Session s = session(PHYSIO, List.of(answer, "I don't know either"));
    Turn first = s.interview().turns().get(0);
    Turn second = s.interview().turns().get(1);
    int before = first.evaluation().score(Dimension.PROBLEM);
    assertThat(second.evaluation().score(Dimension.PROBLEM)).isEqualTo(before - 1);
    assertThat(second.evaluation().scores())
        .filteredOn(x -> x.dimension() != Dimension.PROBLEM)
        .allSatisfy(x -> assertThat(x.score()).isEqualTo(first.evaluation().score(x.dimension())));
    assertThat(second.evaluation().assumptions())
        .allSatisfy(a -> assertThat(a.status()).isEqualTo(AssumptionStatus.UNTESTED));
    // the next question quotes the answer and asks for one real instance of the same thing
    if (IdeaWords.hasWords(answer)) {
      assertThat(second.question()).startsWith("You said \"" + IdeaWords.shortQuote(answer));
    }
    String problem =
        first.evaluation().assumptions().stream()
            .filter(a -> a.category() == Dimension.PROBLEM)
            .map(Assumption::statement)
            .findFirst()
            .orElseThrow();
    assertThat(second.evaluation().notes().riskiestAssumption()).isEqualTo(problem);
    assertThat(second.question()).isNotEqualTo(first.question()).containsIgnoringCase("one time");
  }

  @Test
  void aConcreteAnswerRaisesItsScoreAndSupportsItsAssumption() {
    Session s = session(PHYSIO, List.of(CONCRETE.getFirst(), "idk"));
    TurnEvaluation after = s.interview().turns().get(1).evaluation();
    assertThat(after.score(Dimension.PROBLEM)).isEqualTo(7);
    assertThat(after.assumptions())
        .filteredOn(a -> a.category() == Dimension.PROBLEM)
        .singleElement()
        .satisfies(a -> assertThat(a.status()).isEqualTo(AssumptionStatus.SUPPORTED))
        .satisfies(a -> assertThat(CONCRETE.getFirst()).contains(a.movedBy()));
  }

  @Test
  void scoresAssumptionsAndTheRubricAgreeWhenAnAnswerSaysNobodyHasPaid() {
    // the business model is asked fifth; the answers before it are claims, so none is pressed on
    List<String> answers =
        List.of(
            "Physios complain about it to me.",
            "Mostly people I used to work with.",
            "Quite a few in the city.",
            "They ask around and use gyms.",
            "Nobody has paid anything yet, and we have not asked anyone to.");
    Session s = session(PHYSIO, answers);
    TurnEvaluation last = s.interview().latest();
    Assumption model =
        last.assumptions().stream()
            .filter(a -> a.category() == Dimension.BUSINESS_MODEL)
            .findFirst()
            .orElseThrow();
    assertThat(model.status()).isEqualTo(AssumptionStatus.CONTRADICTED);
    assertThat(last.score(Dimension.BUSINESS_MODEL)).isLessThanOrEqualTo(2);
    Verdict v = s.result(Stage.TRIBUNAL, Verdict.class);
    assertThat(v.score(Criterion.ECONOMICS)).isLessThanOrEqualTo(2);
    assertThat(v.decision()).isNotEqualTo(Decision.PURSUE);
    for (TurnEvaluation e : s.interview().turns().stream().map(Turn::evaluation).toList()) {
      for (Assumption a : e.assumptions()) {
        if (a.status() == AssumptionStatus.SUPPORTED) {
          assertThat(e.score(a.category())).as(a.statement()).isGreaterThanOrEqualTo(5);
        }
        if (a.status() == AssumptionStatus.CONTRADICTED) {
          assertThat(e.score(a.category())).as(a.statement()).isLessThanOrEqualTo(2);
        }
      }
    }
  }

  @Test
  void answersAreReadForWhatTheyTell() {
    for (String nothing :
        List.of("idk", "no", "asdf", "30", "x", "ok", "I don't know", "not sure", "qwerty", "")) {
      assertThat(AnswerQuality.of(nothing)).as(nothing).isEqualTo(AnswerQuality.EVASIVE);
    }
    assertThat(AnswerQuality.of("We're still early, so I can't say much about that yet."))
        .isEqualTo(AnswerQuality.EVASIVE);
    assertThat(AnswerQuality.of("People say they like it.")).isEqualTo(AnswerQuality.CLAIM);
    assertThat(AnswerQuality.of("Anna at Headingley Physio asked for it on Monday."))
        .isEqualTo(AnswerQuality.SPECIFIC);
    assertThat(AnswerQuality.of("I spoke to 12 physios in Leeds."))
        .isEqualTo(AnswerQuality.CONCRETE);
    assertThat(AnswerQuality.of("$50")).isEqualTo(AnswerQuality.CONCRETE);
    assertThat(AnswerQuality.of("twelve tuners asked")).isEqualTo(AnswerQuality.CONCRETE);
    assertThat(AnswerQuality.of("a billion phones run it")).isEqualTo(AnswerQuality.CONCRETE);
  }
}
