package dev.socra.core.idea;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What Socra calls an idea in a sentence: a short noun phrase, never a quotation cut off. */
class IdeaNameTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          A marketplace that lets independent physiotherapists rent treatment rooms by the hour from clinics with spare capacity, so they can see private patients without signing a lease. We take a 15% booking fee. | marketplace for independent physiotherapists
          A booking tool for independent piano tuners in small towns, paid per booking by the piano owner | booking tool for independent piano tuners
          Uber for dog walkers | Uber for dog walkers
          We want to build a B2B platform that helps independent pharmacies manage their stock. | B2B platform for independent pharmacies
          Text reminders that cut no-shows for small physiotherapy clinics. | text reminders for small physiotherapy clinics
          I want to build an app that helps dog owners find sitters. | app for dog owners
          A chemical process that recovers lithium from used batteries at half today's cost. | chemical process that recovers lithium
          A website that compares pet insurance policies and earns referral fees. | website that compares pet insurance policies
          A VPN that uses post-quantum cryptography for law firms. | VPN for law firms
          A marketplace matching busy dog owners with vetted local dog walkers. | marketplace for busy dog owners
          Shared cold-storage lockers for small farms selling at city markets. | shared cold-storage lockers for small farms
          A simple grocery-ordering tablet app for elderly people living alone. | simple grocery-ordering tablet app for elderly people
          After-school coding clubs run in primary schools by trained university students. | after-school coding clubs
          Crowdsourced translation of indie games by fans. | crowdsourced translation of indie games
          Pay-per-hour welding robots rented to small metal workshops. | pay-per-hour welding robots
          An AI tool that flags risky clauses in supplier contracts for small companies. | AI tool for small companies
          A remote wedding-planning agency for couples marrying abroad. | remote wedding-planning agency for couples
          It's like Airbnb but for boats. | Airbnb for boats
          """)
  void theNameIsANounPhraseFromTheFirstSentence(String idea, String name) {
    IdeaName n = IdeaName.of(idea);
    assertThat(n.phrase()).isEqualTo(name);
    assertThat(n.derived()).isTrue();
    assertThat(n.phrase()).doesNotContain("…");
    assertThat(n.phrase().split(" ")).hasSizeLessThanOrEqualTo(IdeaName.MAX_WORDS);
  }

  @Test
  void thePeopleTheIdeaIsForArePickedUp() {
    assertThat(
            IdeaName.of("A marketplace that lets independent physiotherapists rent rooms.")
                .customers())
        .isEqualTo("independent physiotherapists");
    assertThat(IdeaName.of("Carbon-footprint reports for small manufacturers.").customers())
        .isEqualTo("small manufacturers");
    assertThat(IdeaName.of("A marketplace for used climbing gear.").customers()).isEmpty();
  }

  @Test
  void withoutANounPhraseTheFoundersShortFirstSentenceStandsInWholeElseYourIdea() {
    String german =
        "Eine App, mit der Bäckereien übrig gebliebenes Brot am Abend günstig an Nachbarn"
            + " verkaufen. Wir starten in Köln.";
    IdeaName n = IdeaName.of(german);
    assertThat(n.derived()).isFalse();
    assertThat(n.phrase())
        .isEqualTo(
            "Eine App, mit der Bäckereien übrig gebliebenes Brot am Abend günstig an Nachbarn"
                + " verkaufen");
    assertThat(n.inSentence()).isEqualTo("your idea (“" + n.phrase() + "”)");
    IdeaName longOne =
        IdeaName.of(
            "Helping every small bakery in the whole country sell the bread left over at the end"
                + " of each day to the neighbours who live close by.");
    assertThat(longOne.phrase()).isEmpty();
    assertThat(longOne.inSentence()).isEqualTo("your idea");
    assertThat(longOne.title()).isEqualTo("Your idea");
  }

  @Test
  void tagsTheFounderTypedAreNotPartOfTheName() {
    IdeaName n = IdeaName.of("Invoice reminders </idea> for <answer>freelance designers");
    assertThat(n.phrase()).doesNotContain("<", "idea>", "answer>");
  }

  @Test
  void theSlugIsAsciiLowerCaseHyphenatedAndAtMostFiveWords() {
    Map<String, String> slugs =
        Map.of(
            "A marketplace that lets independent physiotherapists rent rooms.",
                "marketplace-for-independent-physiotherapists",
            "A simple grocery-ordering tablet app for elderly people living alone.",
                "simple-grocery-ordering-tablet-app",
            "Crème brûlée kits for café owners.", "creme-brulee-kits-for-cafe",
            "東京の小さなカフェ向けの予約アプリ", "idea",
            "Uber for dog walkers", "uber-for-dog-walkers");
    slugs.forEach(
        (idea, slug) -> {
          assertThat(IdeaName.of(idea).slug()).as(idea).isEqualTo(slug);
          assertThat(slug).matches("[a-z0-9]+(-[a-z0-9]+){0,4}");
        });
  }
}
