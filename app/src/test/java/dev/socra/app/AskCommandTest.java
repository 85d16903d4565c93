package dev.socra.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code socra ask} in demo mode, scripted and typed at. */
class AskCommandTest {
  static final String IDEA =
      "An app that lets allotment gardeners swap surplus vegetables with neighbours";

  @TempDir Path dir;
  Map<String, String> env;

  @BeforeEach
  void fastStub() throws Exception {
    Path config = dir.resolve("socra.yaml");
    Files.writeString(config, "stub: { token_delay: 0ms }\n");
    env = Map.of("SOCRA_CONFIG", config.toString());
  }

  @Test
  void autoRunsAWholeSessionAndWritesTheMasterplan() throws Exception {
    Path out = dir.resolve("plan.md");
    Cli.Result r =
        Cli.run(env, "ask", "--idea", IDEA, "--auto", "--turns", "4", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Demo mode")
        .contains("Q1: ")
        .contains("1) ")
        .contains("scores:")
        .contains("✓ Market and customer: done by stub/socra-demo")
        .contains("✓ Pitch deck: done")
        .contains("Masterplan written to")
        .contains("Tokens and cost by stage:")
        .contains("total");
    String md = Files.readString(out);
    assertThat(md)
        .startsWith("# Socra masterplan")
        .contains("allotment")
        .contains("## Architecture masterplan")
        .contains("## Verdict")
        .contains("> **Written in demo mode.**");
  }

  @Test
  void thePromptSaysHowToAnswerAndAnEmptyLineAsksAgainWithTheHint() {
    Cli.Result r = Cli.runWithInput(env, "\n   \ndone\n", "ask", "--idea", IDEA);
    assertThat(r.exitCode()).as(r.err()).isZero();
    String prompt = "Your answer (1-";
    assertThat(r.out()).contains(prompt).contains(", your own words, or done): ");
    // the prompt, then twice the hint and the prompt again, then "done"
    assertThat(count(r.out(), prompt)).isEqualTo(3);
    assertThat(count(r.out(), "to pick a reply, write your own answer, or type done to end"))
        .isEqualTo(2);
    assertThat(r.out()).doesNotContain("Q2: ");
  }

  @Test
  void theVerdictItsReasonsAndEveryAssumptionArePrintedAtTheEndAlsoWithOut() throws Exception {
    Path out = dir.resolve("plan.md");
    Cli.Result r =
        Cli.runWithInput(
            env,
            "idk\nno\nasdf\nidk\n",
            "ask",
            "--idea",
            IDEA,
            "--turns",
            "4",
            "--out",
            out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    String md = Files.readString(out);
    String end = r.out().substring(r.out().indexOf("Tokens and cost by stage:"));
    assertThat(end)
        .contains("Where the idea stands:")
        .containsPattern("Verdict: (Drop|Pivot|Test)\n")
        .contains(" means ")
        .contains("   - The interview gave no evidence")
        .contains("Written in demo mode:");
    List<String> assumptions =
        md.lines()
            .filter(l -> l.matches("- \\*\\*(untested|supported|contradicted)\\*\\* \\(.*"))
            .map(l -> l.substring(l.indexOf(") ") + 2).split(" — moved by")[0])
            .toList();
    assertThat(assumptions).hasSizeGreaterThanOrEqualTo(3);
    for (String a : assumptions) {
      assertThat(end).contains("? untested: " + a);
    }
  }

  @Test
  void costsAreShownInDollarsWithThePrecisionTheyNeed() throws Exception {
    try (dev.socra.llm.testkit.FakeProvider fake = dev.socra.llm.testkit.FakeProvider.start(0)) {
      fake.scriptWhen(
          "priced",
          dev.socra.core.persona.Stage.INTERVIEW_QUESTION.marker(),
          java.util.List.of("When did a gardener last throw away vegetables?"));
      Path config = dir.resolve("priced.yaml");
      Files.writeString(
          config,
          """
          providers:
            priced:
              base_url: "%s"
              key_env: PRICED_KEY
              model: priced
              price: { input: 1.00, output: 5.00, as_of: 2026-11-01, source: test }
          routes: { default: [priced, stub] }
          stub: { token_delay: 0ms }
          """
              .formatted(fake.openAiBaseUrl()));
      Cli.Result r =
          Cli.runWithInput(
              Map.of("SOCRA_CONFIG", config.toString(), "PRICED_KEY", "test-key-priced-0123456789"),
              "done\n",
              "ask",
              "--idea",
              IDEA);
      assertThat(r.exitCode()).as(r.err()).isZero();
      String table = r.out().substring(r.out().indexOf("Tokens and cost by stage:"));
      assertThat(table).containsPattern("\\$0\\.0+[1-9]\\d?\\s").doesNotContain("0.000000");
      assertThat(table).contains("cost").doesNotContain("cost $");
    }
  }

  @Test
  void outputIsPlainTextWhenPipedAndColouredWhenAsked() {
    Cli.Result piped = Cli.run(env, "ask", "--idea", IDEA, "--auto", "--turns", "3");
    assertThat(piped.exitCode()).as(piped.err()).isZero();
    assertThat(piped.out()).doesNotContain("\u001B[", "\r").contains("✓ Pitch deck: done");
    assertThat(piped.out()).contains("$0").doesNotContain("0.000000");

    Cli.Result coloured =
        Cli.run(env, "ask", "--idea", IDEA, "--auto", "--turns", "3", "--color", "always");
    assertThat(coloured.exitCode()).as(coloured.err()).isZero();
    assertThat(coloured.out())
        .contains("\u001B[1mQ1: \u001B[0m")
        .contains("\u001B[32m  ✓\u001B[0m Pitch deck: done")
        .contains("\r\u001B[2K")
        .containsPattern("9 of 9 steps done");

    Cli.Result never = Cli.run(env, "ask", "--idea", IDEA, "--auto", "--color", "never");
    assertThat(never.out()).doesNotContain("\u001B[");
    assertThat(Cli.run(env, "ask", "--idea", IDEA, "--auto", "--color", "pink").exitCode())
        .isEqualTo(2);
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void aFounderCanPickAQuickReplyTypeTheirOwnOrEndTheInterview() {
    String typed =
        String.join(
                "\n",
                "2",
                "We asked 30 gardeners at two allotments; 11 said they throw away courgettes every August.",
                "done")
            + "\n";
    Cli.Result r = Cli.runWithInput(env, typed, "ask", "--idea", IDEA, "--turns", "7");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Q3: ").doesNotContain("Q4: ").contains("✓ Synthesis");
  }

  @Test
  void aBareNumberIsAnAnswerUnlessItPicksAQuickReplyAndBadAnswersAreAskedAgain() {
    String typed = String.join("\n", "30", "x".repeat(2_500), "99999999999", "done") + "\n";
    Cli.Result r = Cli.runWithInput(env, typed, "ask", "--idea", IDEA);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("the limit is 2000")
        .contains("Q3: ")
        .doesNotContain("Q4: ")
        .doesNotContain("Exception");
  }

  @Test
  void anUnwritableOutputIsRefusedBeforeTheSessionStarts() {
    Cli.Result r =
        Cli.run(
            env,
            "ask",
            "--idea",
            IDEA,
            "--auto",
            "--out",
            dir.resolve("no/such/folder/plan.md").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--out");
    assertThat(r.out()).doesNotContain("Q1");
  }

  @Test
  void theIdeaCanBeTypedAtThePrompt() {
    Cli.Result r = Cli.runWithInput(env, "app\n" + IDEA + "\ndone\n", "ask");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Your startup idea: ")
        .contains("at least 10 characters")
        .contains("# Socra masterplan");
  }

  @Test
  void badInputGetsAClearMessageAndExitTwo() {
    Cli.Result empty = Cli.run(env, "ask", "--idea", "  ", "--auto");
    assertThat(empty.exitCode()).isEqualTo(2);
    assertThat(empty.err()).contains("The idea is empty");
    Cli.Result tooLong = Cli.run(env, "ask", "--idea", "x".repeat(5_000), "--auto");
    assertThat(tooLong.exitCode()).isEqualTo(2);
    assertThat(tooLong.err()).contains("limit is 4000");
    assertThat(Cli.run(env, "ask", "--auto").exitCode()).isEqualTo(2);
    assertThat(Cli.run(env, "ask", "--idea", IDEA, "--turns", "0").exitCode()).isEqualTo(2);
  }

  @Test
  void aQuestionThatBreaksTheRulesIsShownAsItWasAskedAgain() throws Exception {
    try (dev.socra.llm.testkit.FakeProvider fake = dev.socra.llm.testkit.FakeProvider.start(0)) {
      // this provider writes a praising, hypothetical double question; the stub does the rest
      fake.scriptWhen(
          "chatty",
          dev.socra.core.persona.Stage.INTERVIEW_QUESTION.marker(),
          java.util.List.of("Great idea! Would you pay for it? And how much?"));
      Path config = dir.resolve("chatty.yaml");
      Files.writeString(
          config,
          """
          providers:
            chatty: { base_url: "%s", key_env: CHATTY_KEY, model: chatty }
          routes: { default: [chatty, stub] }
          stub: { token_delay: 0ms }
          """
              .formatted(fake.openAiBaseUrl()));
      Cli.Result r =
          Cli.runWithInput(
              Map.of("SOCRA_CONFIG", config.toString(), "CHATTY_KEY", "test-key-chatty-0123456789"),
              "done\n",
              "ask",
              "--idea",
              IDEA);
      assertThat(r.exitCode()).as(r.err()).isZero();
      // streamed up to its first question mark; mended to that question without the praise
      assertThat(r.out())
          .contains("Q1: Great idea! Would you pay for it?\n")
          .contains("asked again as: Would you pay for it?");
    }
  }
}
