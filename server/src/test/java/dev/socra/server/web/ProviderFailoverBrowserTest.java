package dev.socra.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.core.persona.Stage;
import dev.socra.llm.Router;
import dev.socra.llm.testkit.FakeProvider;
import dev.socra.llm.testkit.SeenRequest;
import dev.socra.server.testing.AttemptGate;
import dev.socra.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The interview page over two fake providers. The first (OpenAI's format) cuts the first question's
 * stream after six words; the second (Anthropic's, which can continue an answer) finishes it from
 * there, at a readable pace. The founder sees the question arrive word by word and end whole,
 * exactly as scripted; later, with every provider rate limited, a calm message and a "try again"
 * that works once they recover.
 *
 * <p>An {@link AttemptGate} holds the question after the cut until the page shows it part-written,
 * so the page is seen mid-stream on a machine of any speed; nothing else is paced.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderFailoverBrowserTest {
  static final String FIRST = "interviewer-a";
  static final String SECOND = "interviewer-b";
  static final List<String> QUESTIONS =
      List.of(
          "Who books a piano tuner today, how do they find one, and what does a missed"
              + " appointment cost the tuner?",
          "How many tuners work within an hour's drive of you, and how many of them have you"
              + " talked to?",
          "What did the last tuner you spoke to pay per booking, and who signed it off?");
  static final List<String> CHOICES =
      List.of(
          "Owners call the tuner they used last time",
          "Most find one through the piano shop",
          "I have not asked yet");
  static final String OWN_WORDS = "About forty tuners; I have talked to six of them so far.";

  FakeProvider first;
  FakeProvider second;
  TestServer server;
  Browser browser;

  /** Holds the first question right after its cut attempt, until the page shows it part-written. */
  final AttemptGate afterTheCut = AttemptGate.atStage(Stage.INTERVIEW_QUESTION.id());

  @BeforeAll
  void start() throws IOException {
    first = FakeProvider.start(0);
    // Only the continuation of the first question comes from the second provider: written at a
    // readable pace, it arrives while the page watches.
    second = FakeProvider.start(new FakeProvider.Options(0, 0, 0, Duration.ofMillis(30)));
    for (var fake : List.of(Map.entry(first, FIRST), Map.entry(second, SECOND))) {
      fake.getKey()
          .scriptWhen(
              fake.getValue(),
              Stage.INTERVIEW_QUESTION.marker(),
              QUESTIONS.stream()
                  .map(q -> q + "\nReplies:\n- " + String.join("\n- ", CHOICES))
                  .toList());
      fake.getKey()
          .scriptWhen(fake.getValue(), Stage.INTERVIEW_EVALUATION.marker(), List.of(evaluation()));
    }
    // Only the first question's stream is cut, so each later turn shows the page's other paths.
    // The turn's evaluation is a whole answer and is served untouched.
    first.setBehaviour(FIRST, "cut-after=6+times=1+streams-only");

    Path dir = Files.createTempDirectory("socra-web-failover");
    Path config = dir.resolve("socra-failover.yaml");
    Files.writeString(
        config,
        """
        providers:
          first:
            protocol: openai
            base_url: %s
            key_env: FIRST_TEST_KEY
            model: %s
            context_window: 32000
            price: { input: 1.0, output: 2.0, as_of: 2026-11-01, source: test }
          second:
            protocol: anthropic
            base_url: %s
            key_env: SECOND_TEST_KEY
            model: %s
            context_window: 32000
            capabilities: { prefill: true }
            price: { input: 1.0, output: 2.0, as_of: 2026-11-01, source: test }
        routes:
          default: [first, second]
        timeouts: { connect: 10s, first_token: 30s, stall: 30s, response: 30s, deadline: 60s }
        retry: { transient_backoff: 10ms, max_attempts: 4, max_rate_limit_wait: 2s }
        circuit: { minimum_calls: 1000, window: 1000 }
        """
            .formatted(first.openAiBaseUrl(), FIRST, second.anthropicBaseUrl(), SECOND));
    server =
        TestServer.start(
            Map.of(
                "SOCRA_CONFIG", config.toString(),
                "FIRST_TEST_KEY", "test-key-web-first-4Hq8Zr2Lm7",
                "SECOND_TEST_KEY", "test-key-web-second-9Vd3Kp6Xw1"));
    server.bean(Router.class).addListener(afterTheCut);
    browser = Browser.start(server.baseUrl());
    // Every text the question being written shows, as the page shows it: recorded in the page
    // itself, so a slow test machine cannot miss a state between two looks.
    browser.driver.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument",
        Map.of(
            "source",
            "window.questionParts = [];"
                + " new MutationObserver(function () {"
                + "   var q = document.getElementById('streaming-question');"
                + "   var parts = window.questionParts;"
                + "   if (q && parts[parts.length - 1] !== q.textContent) {"
                + "     parts.push(q.textContent); }"
                + " }).observe(document, {childList: true, subtree: true, characterData: true});"));
  }

  @AfterAll
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {afterTheCut, browser, server, first, second}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }

  @Test
  void aQuestionCutMidStreamArrivesWholeAndAFailedOneCanBeRetried() throws Exception {
    browser.open("/signup");
    browser.await("#name").sendKeys("ada");
    browser.find("#password").sendKeys("correct horse battery staple");
    browser.find("form.form button[type=submit]").click();
    browser.until(d -> browser.path().equals("/sessions/new"));
    browser.find("#idea").sendKeys("A booking tool for piano tuners in small towns");
    browser.find("form.form button[type=submit]").click();

    // Question 1: the first provider stops after six words, the second writes the rest.
    afterTheCut.awaitHeld();
    browser.until(d -> shownPartWritten() >= 4);
    browser.screenshot("04-interview-streaming");
    afterTheCut.open();
    @SuppressWarnings("unchecked")
    List<String> seen = (List<String>) browser.js("return window.questionParts;");
    String q1 = browser.await("#question").getText();
    assertThat(q1).isEqualTo(QUESTIONS.get(0));
    assertThat(seen).allSatisfy(part -> assertThat(QUESTIONS.get(0)).startsWith(part));
    assertThat(seen.stream().filter(p -> !p.isBlank() && p.length() < q1.length()))
        .as("the page showed the question part-written, word after word")
        .hasSizeGreaterThanOrEqualTo(5);
    List<SeenRequest> cut = questionRequests(first);
    List<SeenRequest> continued = questionRequests(second);
    assertThat(cut).hasSize(1);
    assertThat(cut.getFirst().stream()).isTrue();
    assertThat(cut.getFirst().fault()).contains("cut");
    assertThat(continued).hasSize(1);
    assertThat(continued.getFirst().prefill()).as("continued from what was written").isTrue();
    assertThat(browser.all(".reply"))
        .extracting(e -> e.getText())
        .containsExactlyElementsOf(CHOICES);
    browser.screenshot("04b-interview-after-failover");

    // Question 2 after a quick reply: no fault this time.
    browser.all(".reply").getFirst().click();
    assertThat(questionNumber(2)).isEqualTo(QUESTIONS.get(1));

    // Every provider rate limited: a calm message, then "try again" once they recover.
    first.setBehaviour(FIRST, "status=429+retry-after-ms=200");
    second.setBehaviour(SECOND, "status=429+retry-after-ms=200");
    browser.find("#current .answer-form textarea").sendKeys(OWN_WORDS);
    browser.find(".answer-form button[type=submit]").click();
    String headline = browser.await(".problem-headline").getText();
    assertThat(headline).contains("rate limited").doesNotContain("Exception");
    assertThat(browser.find(".problem").getText()).doesNotContain("test-key-");
    browser.screenshot("04c-interview-providers-rate-limited");

    first.setBehaviour(FIRST, null);
    second.setBehaviour(SECOND, null);
    browser.find(".problem button").click();
    assertThat(questionNumber(3)).isEqualTo(QUESTIONS.get(2));
    assertThat(browser.find("#turn-2 .from-founder p").getText()).isEqualTo(OWN_WORDS);
  }

  /** The words of the question shown as being written; 0 once it is complete or not there. */
  private int shownPartWritten() {
    Object text =
        browser.js(
            "var q = document.getElementById('streaming-question');"
                + " return document.getElementById('question') || !q ? '' : q.textContent;");
    String part = text.toString().strip();
    return part.isEmpty() ? 0 : part.split("\\s+").length;
  }

  private String questionNumber(int n) {
    browser.until(
        d ->
            Boolean.TRUE.equals(
                browser.js(
                    "var w = document.querySelector('#current[data-state=open] .from-socra .who');"
                        + " return w != null && w.textContent.trim() === arguments[0];",
                    "Question " + n)));
    return browser.find("#question").getText();
  }

  private static List<SeenRequest> questionRequests(FakeProvider fake) {
    // The question is the only streamed call: the evaluation is a whole JSON answer.
    return fake.attempts().stream().filter(SeenRequest::stream).toList();
  }

  /**
   * A valid assessment: every dimension scored once (nothing is evidenced yet), assumptions. The
   * quick replies come with each question.
   */
  static String evaluation() {
    String[] dims = {
      "problem", "customer", "market", "solution",
      "business_model", "unfair_advantage", "feasibility", "go_to_market"
    };
    StringBuilder scores = new StringBuilder();
    for (int i = 0; i < dims.length; i++) {
      scores
          .append(i == 0 ? "" : ",")
          .append("{\"dimension\":\"")
          .append(dims[i])
          .append("\",\"reason\":\"no evidence — only the founder's word so far\",\"score\":0}");
    }
    return "{\"ideaKind\":\"services\",\"vaguePhrases\":[],\"scores\":["
        + scores
        + "],\"assumptions\":[{\"statement\":\"Tuners lose bookings to missed calls.\","
        + "\"category\":\"problem\",\"movedBy\":\"\",\"status\":\"untested\"}],"
        + "\"riskiestAssumption\":\"Tuners lose bookings to missed calls.\","
        + "\"enoughKnown\":false}";
  }
}
