package dev.socra.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
        .contains("## Verdict");
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
