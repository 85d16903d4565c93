package dev.socra.core.stub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.core.interview.IdeaKind;
import dev.socra.core.interview.Turn;
import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.DeckOutline;
import dev.socra.core.pipeline.Specialist;
import dev.socra.core.pipeline.SpecialistReport;
import dev.socra.core.report.SessionMarkdown;
import dev.socra.core.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The demo's words: the idea named by a short phrase and never quoted cut off, what the founder
 * stated picked up (customers, price or fee, competitors), quick replies that fit the kind of idea,
 * and none of the old typos.
 */
class DemoWordsTest {
  static final List<String> IDEAS =
      List.of(
          DemoListensTest.PHYSIO,
          DemoFixtures.SHORT,
          DemoFixtures.LONG,
          DemoFixtures.GERMAN,
          DemoFixtures.JAPANESE,
          DemoFixtures.HOSTILE,
          "Helping every small bakery in the whole country sell the bread left over at the end of"
              + " each day to the neighbours who live close by, through a simple app.");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every text the demo wrote in a session: questions, replies, evaluations, every result. */
  static List<String> everything(Session s) throws Exception {
    List<String> out = new ArrayList<>();
    for (Turn t : s.interview().turns()) {
      out.add(t.question());
      out.addAll(t.evaluation().choices());
      out.add(JSON.writeValueAsString(t.evaluation().scores()));
      out.add(JSON.writeValueAsString(t.evaluation().assumptions()));
    }
    out.add(JSON.writeValueAsString(s.interview().latest()));
    for (Object result : s.results().values()) {
      out.add(JSON.writeValueAsString(result));
    }
    out.add(SessionMarkdown.render(s));
    return out;
  }

  @ParameterizedTest
  @FieldSource("IDEAS")
  void noTextQuotesTheIdeaCutOffMidPhrase(String idea) throws Exception {
    Session s = DemoListensTest.session(idea, DemoListensTest.CONCRETE);
    String plain = idea.replaceAll("\\s+", " ");
    Pattern beforeEllipsis = Pattern.compile("(\\S+ \\S+ \\S+)…");
    for (String text : everything(s)) {
      Matcher m = beforeEllipsis.matcher(text.replace("\\\"", "\""));
      while (m.find()) {
        String cut = m.group(1).replaceAll("^[\"“«(]+", "");
        assertThat(plain).as("a cut quote of the idea: %s…", cut).doesNotContain(cut);
      }
    }
  }

  @ParameterizedTest
  @FieldSource("IDEAS")
  void theIdeaIsNamedByItsPhraseAndNotRepeatedInEveryLine(String idea) throws Exception {
    Session s = DemoListensTest.session(idea, DemoListensTest.EVASIVE);
    String md = SessionMarkdown.render(s);
    String name = DemoFixtures.name(idea);
    if (!name.isEmpty()) {
      assertThat(md.toLowerCase(Locale.ROOT)).contains(name.toLowerCase(Locale.ROOT));
    }
    String sentence = IdeaWords.firstSentence(idea);
    if (!sentence.equals(name)) {
      // the idea's first sentence appears whole only where it is quoted as evidence; the name
      // carries the rest
      long lines = md.lines().filter(l -> l.contains(sentence)).count();
      assertThat(lines).isLessThan(12);
    }
  }

  @Test
  void theFoundersFeeCustomersAndCompetitorsArePickedUpNotInvented() throws Exception {
    Session s =
        DemoListensTest.session(
            DemoListensTest.PHYSIO,
            List.of(
                "Physios complain about it to me.",
                "Mostly people I used to work with, and we compete with Spacebook and Clinic Rooms"
                    + " Direct.",
                "Quite a few in the city.",
                "They ask around and use gyms.",
                "Nobody has paid anything yet."));
    SpecialistReport economics = s.result(Stage.SPECIALIST_ECONOMICS, SpecialistReport.class);
    String findings = JSON.writeValueAsString(economics);
    assertThat(findings).contains("The founder's model: a 15% booking fee.");
    assertThat(findings).doesNotContain("$79", "a month per", "per seat");
    SpecialistReport market = s.result(Stage.SPECIALIST_MARKET, SpecialistReport.class);
    assertThat(market.sizing())
        .anySatisfy(i -> assertThat(i.value()).isEqualTo("a 15% booking fee"));
    assertThat(JSON.writeValueAsString(market))
        .contains("independent physiotherapists")
        .contains("Spacebook and Clinic Rooms Direct");
    DeckOutline deck = s.result(Stage.DECK, DeckOutline.class);
    assertThat(JSON.writeValueAsString(deck))
        .contains("a 15% booking fee")
        .contains("Spacebook and Clinic Rooms Direct");
    // the question on the business model asks about the fee the founder stated
    assertThat(s.interview().turns().get(4).question()).contains("a 15% booking fee");
  }

  @Test
  void pricesFeesAndCompetitorsAreReadFromTheFoundersWords() {
    FounderFacts facts =
        new FounderFacts(
            new IdeaWords(
                "Scheduling software for cleaning companies. We charge €49 a month per company.",
                "",
                List.of(
                    "idk", "They use Excel, WhatsApp or a notebook.", "We compete with Jobber."),
                3));
    assertThat(facts.price()).map(FounderFacts.Stated::text).contains("€49 a month per company");
    assertThat(facts.fee()).isEmpty();
    assertThat(facts.customers()).map(FounderFacts.Stated::text).contains("cleaning companies");
    assertThat(facts.competitors())
        .extracting(FounderFacts.Stated::text)
        .containsExactly("Excel", "WhatsApp", "Jobber");
    assertThat(facts.competitors()).extracting(FounderFacts.Stated::source).contains("A2", "A3");
    FounderFacts none =
        new FounderFacts(new IdeaWords("Reminders for physio clinics", "", List.of("no"), 2));
    assertThat(none.model()).isEmpty();
    assertThat(none.competitors()).isEmpty();
  }

  /** An idea of each kind, and the words its quick replies use that no other kind's do. */
  static final Map<IdeaKind, String> KINDS =
      Map.of(
          IdeaKind.MARKETPLACE, DemoListensTest.PHYSIO,
          IdeaKind.B2B,
              "Payroll and scheduling software for cleaning companies with 10 to 50 staff.",
          IdeaKind.CONSUMER, "A weekly meal-kit subscription for university students.",
          IdeaKind.HARDWARE, "Cheap soil-moisture sensors with an app for hobby gardeners.",
          IdeaKind.DEEP_TECH, "A faster protein-structure prediction model for small biotech labs.",
          IdeaKind.SERVICES, "A remote wedding-planning agency for couples marrying abroad.");

  static final Map<IdeaKind, List<String>> MARKERS =
      Map.of(
          IdeaKind.MARKETPLACE, List.of("side"),
          IdeaKind.B2B, List.of("business"),
          IdeaKind.CONSUMER, List.of("friends"),
          IdeaKind.HARDWARE, List.of("prototype", "bench", "pre-order", "install"),
          IdeaKind.DEEP_TECH, List.of("lab"),
          IdeaKind.SERVICES, List.of("client"));

  @Test
  void quickRepliesFitTheKindOfIdea() {
    for (var e : KINDS.entrySet()) {
      Session s =
          DemoListensTest.session(e.getValue(), 8, t -> "Some people I know have this problem.");
      assertThat(s.interview().turns().getFirst().evaluation().notes().ideaKind())
          .as(e.getValue())
          .isEqualTo(e.getKey());
      String replies =
          String.join(
                  " | ",
                  s.interview().turns().stream()
                      .flatMap(t -> t.evaluation().choices().stream())
                      .toList())
              .toLowerCase(Locale.ROOT);
      assertThat(MARKERS.get(e.getKey())).as(replies).anyMatch(replies::contains);
      for (var other : MARKERS.entrySet()) {
        if (other.getKey() != e.getKey()) {
          assertThat(other.getValue())
              .as("%s replies use %s words: %s", e.getKey(), other.getKey(), replies)
              .noneMatch(replies::contains);
        }
      }
      assertThat(replies).doesNotContain("shop owner", "per seat", "$");
    }
  }

  @Test
  void theFoundersQuotesAndTagsAreQuotedAsTypedWithNoTypos() throws Exception {
    String answer = "We call it \"the Monday scramble\" and post it as <b>urgent</b> in the chat.";
    Session s = DemoListensTest.session(DemoListensTest.PHYSIO, List.of(answer, "idk", "no"));
    String second = s.interview().turns().get(1).question();
    assertThat(second).contains("\"the Monday scramble\"").doesNotContain("'the Monday scramble'");
    String md = SessionMarkdown.render(s);
    // as typed, and as text: raw HTML stays inert in whatever viewer opens the download
    assertThat(md).contains("\\<b>urgent\\</b>").doesNotContain("\u2215", "‹", "›");
    for (Session session :
        List.of(s, DemoListensTest.session(DemoListensTest.PHYSIO, DemoListensTest.CONCRETE))) {
      for (String text : everything(session)) {
        assertThat(text).doesNotContain(".;", "..", " ,", "'the Monday", "{it}", "{who}");
      }
    }
  }

  @Test
  void theDeckPointsAndTheRunningCostReadAsSentences() {
    Session s = DemoListensTest.session(DemoListensTest.PHYSIO, DemoListensTest.EVASIVE);
    String md = SessionMarkdown.render(s);
    assertThat(md).doesNotContain(".;", "..", "revenue..");
    assertThat(md).containsPattern("\\n1\\. \\*\\*Purpose\\*\\*\\n   - One sentence on ");
    assertThat(md).contains("Running cost: About $").containsPattern("revenue\\.\\n");
  }

  @Test
  void specialistsDoNotQuoteAnswersThatSaidNothing() throws Exception {
    Session s = DemoListensTest.session(DemoListensTest.PHYSIO, DemoListensTest.EVASIVE);
    for (Specialist sp : Specialist.values()) {
      SpecialistReport r = s.result(Stage.of(sp), SpecialistReport.class);
      assertThat(r.findings())
          .noneMatch(f -> f.claim().contains("said \"idk\"") || f.claim().contains("\"asdf\""));
      assertThat(r.summary()).contains("gave no evidence");
    }
  }
}
