package dev.socra.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.core.persona.Stage;
import dev.socra.core.session.Session;
import dev.socra.core.session.SessionRepository;
import dev.socra.llm.Router;
import dev.socra.llm.testkit.FakeProvider;
import dev.socra.server.testing.AttemptGate;
import dev.socra.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebElement;

/**
 * With a real model's pace the answer box is never held back by the turn's other work: it opens as
 * soon as the question's words are complete, while the quick replies (and, for the next question,
 * the evaluation before it) are still being written. A fake provider writes each question word by
 * word (30 ms a token); an {@link AttemptGate} then holds the turn right after the question's
 * stream, before its quick replies and scores are stored, for as long as the test looks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnswerBoxBrowserTest {
  static final String MODEL = "interviewer-paced";
  static final List<String> QUESTIONS =
      List.of(
          "Who books a piano tuner today, and what does a missed appointment cost the tuner?",
          "How many tuners have you talked to, and what did the last one say about booking?",
          "What did the last tuner you spoke to pay per booking, and who signed it off?");
  static final List<String> CHOICES =
      List.of("Owners call the tuner they used last time", "I have not asked yet");
  static final String TYPED = "Owners phone the tuner; a missed visit costs about forty dollars.";
  static final String EARLY = "Six so far; the last one books by text message.";

  FakeProvider fake;
  TestServer server;
  Browser browser;

  @BeforeAll
  void start() throws Exception {
    fake = FakeProvider.start(new FakeProvider.Options(0, 0, 0, Duration.ofMillis(8)));
    fake.scriptWhen(
        MODEL,
        Stage.INTERVIEW_QUESTION.marker(),
        QUESTIONS.stream().map(q -> q + "\nReplies:\n- " + String.join("\n- ", CHOICES)).toList());
    fake.scriptWhen(
        MODEL,
        Stage.INTERVIEW_EVALUATION.marker(),
        List.of(ProviderFailoverBrowserTest.evaluation()));
    Path config = Files.createTempDirectory("socra-web-answer-box").resolve("socra.yaml");
    Files.writeString(
        config,
        """
        providers:
          paced:
            protocol: openai
            base_url: %s
            key_env: PACED_TEST_KEY
            model: %s
            context_window: 32000
            price: { input: 1.0, output: 2.0, as_of: 2026-11-01, source: test }
        routes:
          default: [paced]
        timeouts: { connect: 10s, first_token: 30s, stall: 30s, response: 60s, deadline: 120s }
        """
            .formatted(fake.openAiBaseUrl(), MODEL));
    server =
        TestServer.start(
            Map.of(
                "SOCRA_CONFIG",
                config.toString(),
                "PACED_TEST_KEY",
                "test-key-web-paced-7Tn2Qw9Lx4"));
    browser = Browser.start(server.baseUrl());
    // What the answer box was while the question was being written, recorded in the page itself.
    browser.driver.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument",
        Map.of(
            "source",
            "window.boxWhileWriting = [];"
                + " new MutationObserver(function () {"
                + "   var q = document.getElementById('streaming-question');"
                + "   var f = document.querySelector('#current fieldset[data-answer-fields]');"
                + "   if (q && f && q.textContent.trim()) {"
                + "     window.boxWhileWriting.push({text: q.textContent, open: !f.disabled}); }"
                + " }).observe(document, {childList: true, subtree: true, characterData: true,"
                + "   attributes: true});"));
  }

  @AfterAll
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {browser, server, fake}) {
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
  void theAnswerBoxOpensWhenTheQuestionIsThereNotWhenItsRepliesAre() throws Exception {
    Router router = server.bean(Router.class);
    AttemptGate firstTurn = AttemptGate.atStage(Stage.INTERVIEW_QUESTION.id());
    router.addListener(firstTurn);
    try {
      browser.open("/signup");
      browser.await("#name").sendKeys("ada");
      browser.find("#password").sendKeys("correct horse battery staple");
      browser.find("form.form button[type=submit]").click();
      browser.until(d -> browser.path().equals("/sessions/new"));
      browser.find("#idea").sendKeys("A booking tool for piano tuners in small towns");
      browser.find("form.form button[type=submit]").click();

      // The question's words are all there; its turn (replies, scores) is held back.
      firstTurn.awaitHeld();
      browser.until(d -> "asked".equals(state()));
      assertThat(browser.find("#streaming-question").getText()).isEqualTo(QUESTIONS.get(0));
      assertThat(browser.find("#current fieldset[data-answer-fields]").isEnabled()).isTrue();
      assertThat(browser.all("#current .reply")).as("the replies are not written yet").isEmpty();
      assertThat(browser.find(".replies-waiting").getText()).contains("Quick replies follow");
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> seen =
          (List<Map<String, Object>>) browser.js("return window.boxWhileWriting;");
      List<Map<String, Object>> partWritten =
          seen.stream().filter(s -> !s.get("text").toString().strip().endsWith("?")).toList();
      assertThat(partWritten)
          .as("the question was seen part-written, word after word")
          .hasSizeGreaterThanOrEqualTo(3);
      assertThat(partWritten).allSatisfy(s -> assertThat(s.get("open")).isEqualTo(false));

      // The founder starts typing now, while the turn is still held.
      WebElement box = browser.find("#current .answer-form textarea");
      box.click();
      box.sendKeys(TYPED);
      browser.screenshot("04d-answer-box-open-before-the-replies");
    } finally {
      firstTurn.open();
      router.removeListener(firstTurn);
    }

    // The replies and scores arrive around the founder's text without touching it.
    browser.until(d -> "open".equals(state()) && !browser.all("#current .reply").isEmpty());
    assertThat(browser.all("#current .reply"))
        .extracting(WebElement::getText)
        .containsExactlyElementsOf(CHOICES);
    WebElement box = browser.find("#current .answer-form textarea");
    assertThat(box.getDomProperty("value")).isEqualTo(TYPED);
    assertThat(browser.js("return document.activeElement === arguments[0];", box))
        .as("still typing in the same box")
        .isEqualTo(true);
    assertThat(browser.all("#scores .score-lines li")).hasSize(8);
    browser.screenshot("04e-replies-arrived-around-the-answer");

    // An answer sent once question 2's words are there, before its replies: it waits for them and
    // is filed under question 2.
    AttemptGate secondTurn = AttemptGate.atStage(Stage.INTERVIEW_QUESTION.id());
    router.addListener(secondTurn);
    try {
      browser.find("#current .answer-form button[type=submit]").click();
      secondTurn.awaitHeld();
      browser.until(
          d ->
              "asked".equals(state())
                  && "2".equals(browser.find("#current").getDomAttribute("data-question")));
      browser.find("#current .answer-form textarea").sendKeys(EARLY);
      browser.find("#current .answer-form button[type=submit]").click();
    } finally {
      secondTurn.open();
      router.removeListener(secondTurn);
    }
    browser.until(
        d ->
            "open".equals(state())
                && "3".equals(browser.find("#current").getDomAttribute("data-question")));
    assertThat(browser.find("#question").getText()).isEqualTo(QUESTIONS.get(2));
    assertThat(browser.find("#turn-2 .from-founder p").getText()).isEqualTo(EARLY);
    Session s =
        server
            .bean(SessionRepository.class)
            .find(browser.path().substring("/sessions/".length()))
            .orElseThrow();
    assertThat(s.interview().turns().get(0).answer()).isEqualTo(TYPED);
    assertThat(s.interview().turns().get(1).answer()).isEqualTo(EARLY);
    assertThat(browser.policyViolations()).isEmpty();
  }

  private String state() {
    List<WebElement> c = browser.all("#current");
    return c.isEmpty() ? "" : c.getFirst().getDomAttribute("data-state");
  }
}
