package dev.socra.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.app.eval.ScriptedFounder;
import dev.socra.core.pipeline.Decision;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A scripted founder tells its facts to questions about the past and evades hypotheticals. */
class ScriptedFounderTest {
  static ScriptedFounder clinic() throws Exception {
    return ScriptedFounder.load(Path.of("..", "eval", "founders").resolve("clinic-no-shows.yaml"));
  }

  @Test
  void aQuestionAboutWhatHappenedEarnsAMatchingFactOnce() throws Exception {
    ScriptedFounder f = clinic();
    assertThat(f.verdicts()).containsExactly(Decision.TEST);
    Set<String> told = new HashSet<>();
    var a = f.answer("When did a clinic last lose an appointment to a no-show?", told, 1);
    assertThat(a.fact()).isEqualTo("no-show-cost");
    assertThat(a.text()).contains("31 appointments");
    told.add(a.fact());
    var again = f.answer("What did the last no-show cost them?", told, 2);
    assertThat(again.fact()).isNotEqualTo("no-show-cost");
  }

  @Test
  void aHypotheticalGetsAnEvasionAndNoFact() throws Exception {
    ScriptedFounder f = clinic();
    var a = f.answer("Would clinics pay to cut their no-show cost?", new HashSet<>(), 1);
    assertThat(a.fact()).isNull();
    assertThat(f.evasions()).contains(a.text());
  }

  @Test
  void aQuestionThatAsksForNoPastFactGetsAnEvasion() throws Exception {
    ScriptedFounder f = clinic();
    var a = f.answer("Who is your customer?", new HashSet<>(), 2);
    assertThat(a.fact()).isNull();
    assertThat(f.evasions()).contains(a.text());
  }
}
