package dev.socra.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.core.persona.Stage;
import dev.socra.core.session.Session;
import dev.socra.core.session.SessionRepository;
import dev.socra.llm.Router;
import dev.socra.server.testing.AttemptGate;
import dev.socra.server.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * A founder's session as a record, in a real browser in demo mode: an idea box that says when it is
 * too long, one session open in two windows that never misfiles an answer, the last answer changed
 * and an earlier question gone back to (the turns left behind kept), the masterplan with its
 * transcript shared read-only with a browser that has no cookies and revoked, the list with
 * verdicts, a new-idea form that the back button cannot send twice, and deletion. Saves a
 * screenshot of every new page, on a desktop and on a phone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionRecordBrowserTest {
  static final String NAME = "founder-ada-record";
  static final String PASSWORD = "correct horse battery staple";
  static final String IDEA =
      "A marketplace that lets independent physiotherapists rent treatment rooms by the hour from"
          + " clinics with spare capacity";
  static final String TAB_B =
      "Tab B typed this: twelve clinics in Leeds have rooms empty on Fridays.";

  TestServer server;
  Browser browser;
  Browser guest;
  String sessionPath;
  String shareUrl;

  @BeforeAll
  void start() {
    server = TestServer.start();
    browser = Browser.start(server.baseUrl());
  }

  @AfterAll
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {guest, browser, server}) {
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
  @Order(1)
  void theIdeaBoxSaysHowMuchToCutAndKeepsAPasteOverTheLimit() {
    browser.open("/signup");
    browser.await("#name").sendKeys(NAME);
    browser.find("#password").sendKeys(PASSWORD);
    browser.find("form.form button[type=submit]").click();
    browser.until(d -> browser.path().equals("/sessions/new"));

    // A paste of 4,100 characters: kept whole, counted in red, and not sent.
    String pasted = IDEA + ". " + "Clinics have spare rooms. ".repeat(160);
    pasted = pasted.substring(0, 4_100);
    browser.js(
        "var f = document.getElementById('idea'); f.focus(); f.value = arguments[0];"
            + " f.dispatchEvent(new Event('input', {bubbles: true}));",
        pasted);
    WebElement count = browser.find("#idea-count");
    assertThat(count.getText()).isEqualTo("4,100 / 4,000 · cut 100 characters to send it");
    assertThat(count.getDomAttribute("class")).contains("over");
    assertThat(browser.find("#idea").getDomProperty("value")).hasSize(4_100);
    browser.screenshot("15-idea-over-the-limit");
    browser.find("form.form button[type=submit]").click();
    assertThat(browser.find("#idea").getDomProperty("validationMessage"))
        .contains("cut 100 characters");
    assertThat(browser.path()).as("not sent").isEqualTo("/sessions/new");

    browser.find("#idea").clear();
    browser.find("#idea").sendKeys(IDEA);
    assertThat(browser.find("#idea-count").getDomAttribute("class")).doesNotContain("over");
    browser.find("form.form button[type=submit]").click();
    browser.until(d -> browser.path().matches("/sessions/[0-9a-f-]{36}"));
    sessionPath = browser.path();
    awaitOpen(1);
    assertThat(browser.find(".session-demo").getText()).contains("demo mode");
  }

  @Test
  @Order(2)
  void twoWindowsOnOneSessionNeverFileAnAnswerUnderTheWrongQuestion() throws Exception {
    String windowA = browser.driver.getWindowHandle();
    browser.driver.switchTo().newWindow(WindowType.WINDOW);
    String windowB = browser.driver.getWindowHandle();
    browser.open(sessionPath);
    awaitOpen(1);

    // A answers question 1 with a quick reply.
    browser.driver.switchTo().window(windowA);
    String replyA = clickFirstReply();
    awaitOpen(2);

    // B still shows question 1 and answers it: refused, shown, and the text kept.
    browser.driver.switchTo().window(windowB);
    assertThat(browser.find("#question").getText()).isNotBlank();
    answerBox().sendKeys(TAB_B);
    browser.find("#current .answer-form button[type=submit]").click();
    WebElement alert = browser.await("#current .alert");
    assertThat(alert.getText()).contains("question 1 was already answered").contains("question 2");
    awaitOpen(2);
    assertThat(answerBox().getDomProperty("value")).isEqualTo(TAB_B);
    assertThat(browser.find("#turn-1 .from-founder p").getText())
        .as("window B caught up with window A's answer")
        .isEqualTo(replyA);
    browser.screenshot("16-two-windows-stale-answer");

    // A answers question 2 while question 3 is held at its evaluation; B sends its text now.
    Router router = server.bean(Router.class);
    try (AttemptGate gate = AttemptGate.atStage(Stage.INTERVIEW_EVALUATION.id())) {
      router.addListener(gate);
      try {
        browser.driver.switchTo().window(windowA);
        String replyA2 = clickFirstReply();
        gate.awaitHeld();
        browser.until(d -> "writing".equals(currentState()));

        browser.driver.switchTo().window(windowB);
        browser.find("#current .answer-form button[type=submit]").click();
        browser.until(
            d -> {
              List<WebElement> a = browser.all("#current .alert");
              return !a.isEmpty() && a.getFirst().getText().contains("being written");
            });
        assertThat(browser.find("#current .alert").getText())
            .contains("question 2 was already answered")
            .contains("question 3 is being written");
        assertThat(answerBox().getDomProperty("value")).isEqualTo(TAB_B);
        assertThat(browser.find("#turn-2 .from-founder p").getText()).isEqualTo(replyA2);
        browser.screenshot("17-two-windows-question-being-written");
        gate.open();
        // Question 3 arrives in B too, and B's text is still in its box.
        awaitOpen(3);
        assertThat(answerBox().getDomProperty("value")).isEqualTo(TAB_B);
      } finally {
        router.removeListener(gate);
      }
    }
    Session s = stored();
    assertThat(s.interview().turns()).hasSize(3);
    assertThat(s.interview().turns().get(0).answer()).isEqualTo(replyA);
    assertThat(s.interview().turns().get(2).answer()).as("tab B's text was never filed").isNull();
    browser.driver.close();
    browser.driver.switchTo().window(windowA);
    awaitOpen(3);
  }

  @Test
  @Order(3)
  void theFounderChangesTheLastAnswerAndTheNextQuestionIsWrittenAgain() {
    browser.open(sessionPath);
    awaitOpen(3);
    String oldAnswer = browser.find("#turn-2 .from-founder p").getText();
    browser.click("#turn-2 .revise summary");
    assertThat(browser.find("#turn-2 .revise summary").getText()).isEqualTo("Change this answer");
    assertThat(browser.find("#revise-hint-2").getText()).contains("sets aside question 3");
    WebElement box = browser.find("#revise-2");
    assertThat(box.getDomProperty("value")).isEqualTo(oldAnswer);
    box.clear();
    box.sendKeys("We rented four rooms from two clinics in March, 31 hours in all.");
    browser.screenshot("18-changing-the-last-answer");
    browser.click("#turn-2 .revise button[type=submit]");
    awaitOpen(3);
    assertThat(browser.find("#turn-2 .from-founder p").getText())
        .isEqualTo("We rented four rooms from two clinics in March, 31 hours in all.");
    WebElement setAside = browser.find(".set-aside");
    setAside.findElement(org.openqa.selenium.By.cssSelector("summary")).click();
    assertThat(setAside.getText())
        .contains("When you went back to question 2")
        .contains(oldAnswer)
        .contains("Not answered before you went back");
    browser.screenshot("18b-last-answer-changed");
  }

  @Test
  @Order(4)
  void theFounderGoesBackToAnEarlierQuestionAndTheInterviewContinuesFromThere() {
    clickFirstReply();
    awaitOpen(4);
    String firstAnswer = browser.find("#turn-1 .from-founder p").getText();
    browser.click("#turn-1 .revise summary");
    assertThat(browser.find("#turn-1 .revise summary").getText())
        .isEqualTo("Go back to this question");
    assertThat(browser.find("#revise-hint-1").getText()).contains("questions 2 to 4");
    WebElement box = browser.find("#revise-1");
    box.clear();
    box.sendKeys("Three clinics in Leeds told me they leave rooms empty every Friday.");
    browser.click("#turn-1 .revise button[type=submit]");
    awaitOpen(2);
    assertThat(browser.all("#turns .turn")).hasSize(1);
    assertThat(browser.find("#turn-1 .from-founder p").getText())
        .isEqualTo("Three clinics in Leeds told me they leave rooms empty every Friday.");
    WebElement setAside = browser.find(".set-aside");
    setAside.findElement(org.openqa.selenium.By.cssSelector("summary")).click();
    assertThat(setAside.getText())
        .contains("When you went back to question 1")
        .contains(firstAnswer)
        .contains("Answers set aside (2 times you went back)");
    assertThat(stored().interview().history()).hasSize(2 + 4);
    browser.screenshot("19-went-back");

    // On a phone: the header scrolls away and stays small; the scores are in sight above the
    // question instead of only below the answer box.
    browser.asPhone();
    try {
      browser.open(sessionPath);
      awaitOpen(2);
      browser.phoneWindowScreenshot("19b-went-back-on-a-phone");
      browser.asPhone();
      assertThat(
              browser.js(
                  "return getComputedStyle(document.querySelector('.site-header')).position"))
          .isEqualTo("static");
      Number header =
          (Number) browser.js("return document.querySelector('.site-header').offsetHeight");
      assertThat(header.doubleValue() / 844)
          .as("the header's share of the screen")
          .isLessThan(0.12);
      WebElement strip = browser.find("#score-strip");
      assertThat(strip.isDisplayed()).isTrue();
      assertThat(strip.getText()).contains("Problem").contains("Market");
      Number stripTop =
          (Number) browser.js("return document.getElementById('score-strip').offsetTop");
      Number boxTop =
          (Number) browser.js("return document.querySelector('#current .answer-box').offsetTop");
      assertThat(stripTop.intValue()).isLessThan(boxTop.intValue());
    } finally {
      browser.asDesktop();
    }
    browser.phoneScreenshot("19c-went-back-on-a-phone-whole");
  }

  @Test
  @Order(5)
  void theMasterplanKeepsTheInterviewAndASharedLinkShowsItToAStrangerUntilRevoked() {
    browser.open(sessionPath);
    awaitOpen(2);
    browser.find(".enough button").click();
    browser.until(d -> browser.path().equals(sessionPath + "/pipeline"));
    browser.await("#open-masterplan").click();
    browser.until(d -> browser.path().equals(sessionPath + "/masterplan"));

    assertThat(browser.find(".verdict-meaning").getText()).contains(" means ").contains("Next:");
    String doc = browser.find(".doc").getText();
    assertThat(doc)
        .contains("Transcript")
        .contains("Three clinics in Leeds told me they leave rooms empty every Friday.")
        .contains("Answers set aside");
    assertThat(browser.find(".session-demo").getText())
        .contains(dev.socra.core.report.SessionMarkdown.REAL_MODEL_ADDS);

    browser.find(".verdict-meaning a").click();
    browser.until(d -> browser.path().equals("/rubric"));
    assertThat(browser.await(".doc h1").getText()).isEqualTo("The tribunal's rubric");
    browser.screenshot("20-rubric");
    browser.driver.navigate().back();
    browser.until(d -> browser.path().equals(sessionPath + "/masterplan"));

    browser.phoneScreenshot("20b-masterplan-on-a-phone");
    browser.click("#make-share-link");
    WebElement link = browser.await("#share-url");
    shareUrl = link.getDomProperty("value");
    assertThat(shareUrl).startsWith(server.baseUrl() + "/shared/");
    assertThat(browser.find("#share").getText()).contains("without your name");
    browser.screenshot("21-share-link");

    guest = Browser.start(server.baseUrl());
    guest.driver.get(shareUrl);
    assertThat(guest.await("h1").getText()).isEqualTo("Masterplan");
    String shared = guest.find("main").getText();
    assertThat(shared)
        .contains("read-only copy")
        .contains("Verdict")
        .contains("Transcript")
        .contains("Three clinics in Leeds told me they leave rooms empty every Friday.");
    String source = guest.driver.getPageSource();
    assertThat(source)
        .contains("<meta name=\"robots\" content=\"noindex, nofollow, noarchive\">")
        .doesNotContain(NAME)
        .doesNotContain("Stop sharing")
        .doesNotContain("Delete this session");
    assertThat(guest.all(".sign-out")).as("the guest is nobody's account").isEmpty();
    guest.screenshot("22-shared-page");
    guest.phoneScreenshot("22b-shared-page-on-a-phone");

    browser.click("#stop-sharing");
    assertThat(browser.await("#share .alert").getText()).contains("Sharing stopped");
    guest.driver.navigate().refresh();
    assertThat(guest.await("h1").getText()).isEqualTo("This link leads nowhere");
    assertThat(guest.find("main").getText()).doesNotContain("Leeds");
    guest.screenshot("23-shared-link-revoked");
  }

  @Test
  @Order(6)
  void theListShowsEachSessionsVerdictAndDateAndRenamesIt() {
    browser.open("/sessions");
    WebElement line = browser.await(".session-line");
    assertThat(line.findElement(org.openqa.selenium.By.cssSelector(".verdict-badge")).getText())
        .matches("Verdict: (Pursue|Test|Pivot|Drop)");
    assertThat(line.findElement(org.openqa.selenium.By.cssSelector(".verdict-line")).getText())
        .contains("Next:")
        .contains("The rubric");
    assertThat(line.getText())
        .contains("Started ")
        .contains("Marketplace for independent physiotherapists");
    line.findElement(org.openqa.selenium.By.cssSelector(".rename summary")).click();
    WebElement name =
        line.findElement(org.openqa.selenium.By.cssSelector(".rename input[name=title]"));
    name.clear();
    name.sendKeys("Physio rooms in Leeds");
    browser.screenshot("24-sessions-renaming");
    line.findElement(org.openqa.selenium.By.cssSelector(".rename button")).click();
    browser.until(d -> browser.find(".session-title").getText().equals("Physio rooms in Leeds"));
    browser.screenshot("24b-sessions-with-verdicts");
    browser.phoneScreenshot("24c-sessions-on-a-phone");
    browser.open(sessionPath + "/masterplan");
    assertThat(browser.await("#session-title").getText()).isEqualTo("Physio rooms in Leeds");
  }

  @Test
  @Order(7)
  void afterBackTheNewIdeaFormIsEmptyAndCannotMakeADuplicate() {
    browser.open("/sessions");
    int before = browser.all(".session-line").size();
    browser.open("/sessions/new");
    browser
        .await("#idea")
        .sendKeys("Weekly meal kits for night-shift nurses, paid by the hospital");
    browser.find("form.form button[type=submit]").click();
    browser.until(d -> browser.path().matches("/sessions/[0-9a-f-]{36}"));
    int sessions = before + 1;
    browser.driver.navigate().back();
    browser.until(d -> browser.path().equals("/sessions/new"));
    assertThat(browser.await("#idea").getDomProperty("value")).isEmpty();
    browser.find("form.form button[type=submit]").click();
    assertThat(browser.path()).as("an empty form is not sent").isEqualTo("/sessions/new");
    browser.open("/sessions");
    browser.await(".session-line");
    assertThat(browser.all(".session-line")).hasSize(sessions);
  }

  @Test
  @Order(8)
  void theFounderDeletesASharedSessionAndItsLinkLeadsNowhere() {
    browser.open(sessionPath + "/masterplan");
    browser.click("#make-share-link");
    String again = browser.await("#share-url").getDomProperty("value");
    guest.driver.get(again);
    assertThat(guest.await("h1").getText()).isEqualTo("Masterplan");

    browser.find(".delete-session a").click();
    browser.until(d -> browser.path().equals(sessionPath + "/delete"));
    browser.find("#confirm-delete").click();
    browser.until(d -> browser.path().equals("/sessions"));
    assertThat(browser.find("main").getText()).doesNotContain("Physio rooms in Leeds");
    guest.driver.navigate().refresh();
    assertThat(guest.await("h1").getText()).isEqualTo("This link leads nowhere");
  }

  @Test
  @Order(9)
  void noPageBrokeItsContentSecurityPolicy() {
    assertThat(browser.policyViolations()).isEmpty();
    assertThat(guest.policyViolations()).isEmpty();
  }

  private Session stored() {
    String id = sessionPath.substring("/sessions/".length());
    return server.bean(SessionRepository.class).find(id).orElseThrow();
  }

  private WebElement answerBox() {
    return browser.find("#current .answer-form textarea");
  }

  private String currentState() {
    List<WebElement> c = browser.all("#current");
    return c.isEmpty() ? "" : c.getFirst().getDomAttribute("data-state");
  }

  private String clickFirstReply() {
    WebElement reply = browser.await("#current .reply");
    String text = reply.getText();
    reply.click();
    return text;
  }

  /** Waits until question {@code n} is open (its quick replies are there). */
  private void awaitOpen(int n) {
    browser.until(
        d ->
            "open".equals(currentState())
                && ("Question " + n)
                    .equalsIgnoreCase(browser.find("#current .from-socra .who").getText()));
  }
}
