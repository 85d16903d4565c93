package dev.socra.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.server.account.SocraUser;
import dev.socra.server.account.Users;
import dev.socra.server.sessions.SessionService;
import dev.socra.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A founder's whole way through the web UI in a real browser, in demo mode: sign up, an idea, four
 * answers (three quick replies, one in their own words), the pipeline's cards finishing, the
 * masterplan and its download; then the other pages, and a second user who cannot open the first
 * one's session. Saves a screenshot of every page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.Tag("security") // its pages under the Content-Security-Policy, deleting
class FounderJourneyBrowserTest {
  static final String IDEA =
      "A booking tool for independent piano tuners in small towns, paid per booking by the"
          + " piano owner";
  static final String OWN_WORDS =
      "We interviewed twelve tuners in Vermont; nine still book by phone and lose about two"
          + " appointments a month to missed calls.";
  static final String PASSWORD = "correct horse battery staple";

  TestServer server;
  Browser browser;
  String sessionPath;

  @BeforeAll
  void start() throws IOException {
    // The stub writes at machine speed (TestServer's default): the stub streams the hidden
    // evaluation too, so a human pace would make each turn last seconds, and every step here waits
    // for what the page shows. Seeing a question arrive word by word is
    // ProviderFailoverBrowserTest's part.
    server = TestServer.start();
    browser = Browser.start(server.baseUrl());
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void aFounderGoesFromSignUpToADownloadedMasterplan() throws Exception {
    browser.open("/");
    assertThat(browser.find("h1").getText()).contains("startup idea");
    assertThat(browser.find(".demo-note").getText()).contains("demo mode");
    browser.screenshot("01-landing");

    browser.find("a[href='/signup']").click();
    browser.await("#name").sendKeys("ada");
    browser.find("#password").sendKeys(PASSWORD);
    browser.screenshot("02-sign-up");
    browser.find("form.form button[type=submit]").click();

    browser.until(d -> browser.path().equals("/sessions/new"));
    assertThat(browser.find("#idea-limit").getText()).contains("4,000 characters");
    browser.find("#idea").sendKeys(IDEA);
    assertThat(browser.find("#idea-count").getText()).isEqualTo(IDEA.length() + " / 4,000");
    browser.screenshot("03-new-session");
    browser.find("form.form button[type=submit]").click();

    browser.until(d -> browser.path().matches("/sessions/[0-9a-f-]{36}"));
    sessionPath = browser.path();

    String first = browser.await("#question").getText();
    assertThat(first).contains("piano tuners");
    assertScoresAndAssumptions();
    browser.screenshot("05-interview-question-1");

    // Three quick replies.
    for (int n = 2; n <= 4; n++) {
      List<WebElement> replies = browser.all(".reply");
      assertThat(replies).hasSizeBetween(2, 4);
      String reply = replies.getFirst().getText();
      replies.getFirst().click();
      String question = nextQuestion(n);
      assertThat(browser.find("#turn-" + (n - 1) + " .from-founder p").getText()).isEqualTo(reply);
      assertThat(question).isNotBlank();
    }
    // Scores now show how they changed since the last turn.
    assertThat(browser.all("#scores .delta")).hasSize(8);
    assertScoresAndAssumptions();
    browser.screenshot("06-interview-after-three-replies");
    browser.phoneScreenshot("06b-interview-on-a-phone");

    // One answer in the founder's own words.
    browser.find(".answer-form textarea").sendKeys(OWN_WORDS);
    browser.find(".answer-form button[type=submit]").click();
    browser.until(d -> !browser.all("#turn-4 .from-founder p").isEmpty() ? true : null);
    assertThat(browser.find("#turn-4 .from-founder p").getText()).isEqualTo(OWN_WORDS);
    browser.until(d -> !browser.all("#question").isEmpty() || !browser.all(".complete").isEmpty());
    browser.screenshot("07-interview-after-own-words");

    // Enough: build the plan.
    WebElement build =
        browser.all(".complete").isEmpty()
            ? browser.find(".enough button")
            : browser.find(".complete button");
    build.click();
    browser.until(d -> browser.path().equals(sessionPath + "/pipeline"));

    // Five specialist cards, then the four later steps, each finishing live.
    assertThat(browser.all(".specialists .stage-card")).hasSize(5);
    assertThat(browser.all(".steps .stage-card")).hasSize(4);
    WebElement open = browser.await("#open-masterplan");
    for (WebElement card : browser.all(".stage-card")) {
      assertThat(card.getDomAttribute("data-state")).as(card.getText()).isEqualTo("done");
      assertThat(card.findElement(By.cssSelector(".served-by")).getText())
          .isEqualTo("stub/socra-demo");
    }
    assertThat(browser.find(".specialists").getText()).contains("Market and customer", "Risk");
    assertThat(browser.find(".steps").getText())
        .contains("Synthesis", "Devil's advocate", "Tribunal", "Pitch deck");
    assertThat(browser.find(".ready .verdict-meaning").getText())
        .contains(" means ")
        .contains("Next:");
    browser.screenshot("08-pipeline-done");

    open.click();
    browser.until(d -> browser.path().equals(sessionPath + "/masterplan"));
    assertThat(browser.find(".verdict").getText()).contains("Verdict");
    assertThat(browser.all(".verdict .rubric li")).hasSize(5);
    List<String> contents = new ArrayList<>();
    browser.all(".toc a").forEach(a -> contents.add(a.getText()));
    assertThat(contents)
        .contains(
            "Scores",
            "Transcript",
            "Architecture masterplan",
            "The case against",
            "Pitch deck outline");
    // The verdict says what it means and what to do next, and leads to the rubric.
    assertThat(browser.find(".verdict-meaning").getText()).contains(" means ").contains("Next:");
    assertThat(browser.find(".verdict-meaning a").getDomAttribute("href")).isEqualTo("/rubric");
    // The interview is kept in the record: every question and answer.
    assertThat(browser.find(".doc").getText()).contains(OWN_WORDS).contains("Q1.");
    assertThat(browser.find(".session-demo").getText())
        .contains("Written in demo mode")
        .contains(dev.socra.core.report.SessionMarkdown.REAL_MODEL_ADDS);
    // Every entry of the contents leads to a heading of the document.
    for (WebElement a : browser.all(".toc a")) {
      String id = a.getDomAttribute("href").substring(1);
      assertThat(browser.all(".doc [id='" + id + "']")).as(id).hasSize(1);
    }
    browser.windowScreenshot("09-masterplan");
    browser.screenshot("09b-masterplan-whole");
    // As printed (Save as PDF): no navigation, contents or buttons.
    browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
    try {
      assertThat(browser.find(".site-header").isDisplayed()).isFalse();
      assertThat(browser.find(".toc").isDisplayed()).isFalse();
      assertThat(browser.find("#download").isDisplayed()).isFalse();
      assertThat(browser.find(".doc").isDisplayed()).isTrue();
      browser.windowScreenshot("09c-masterplan-as-printed");
    } finally {
      browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
    }

    browser.find("#download").click();
    Path file =
        browser.until(
            d -> {
              try (var files = Files.list(browser.downloads)) {
                return files.filter(f -> f.toString().endsWith(".md")).findFirst().orElse(null);
              } catch (IOException e) {
                return null;
              }
            });
    assertThat(file.getFileName().toString())
        .isEqualTo(
            "socra-"
                + dev.socra.core.idea.IdeaName.of(IDEA).slug()
                + "-"
                + java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                + ".md");
    assertThat(Files.readString(file))
        .startsWith("# Socra masterplan")
        .contains("## Verdict")
        .contains("**Written in demo mode.**")
        .contains("## Transcript")
        .contains(OWN_WORDS);
  }

  @Test
  @Order(2)
  void theSessionsUsageAndAdminPagesShowTheSession() {
    browser.open("/sessions");
    WebElement line = browser.await(".session-line");
    assertThat(line.getText()).contains("piano tuners", "Done", "9 of 9 plan steps");
    assertThat(line.findElement(By.cssSelector("a")).getDomAttribute("href"))
        .isEqualTo(sessionPath + "/masterplan");
    browser.screenshot("10-sessions");

    browser.open("/usage");
    WebElement usage = browser.await(".session-usage");
    assertThat(usage.getText()).contains("Synthesis", "Total", "stub/socra-demo");
    browser.screenshot("11-usage");

    browser.open("/admin");
    assertThat(browser.await("h1").getText()).contains("Routes");
    assertThat(browser.find("table").getText()).contains("stub/socra-demo");
    // a provider's state in words a person reads
    WebElement state = browser.find("table .state");
    assertThat(state.getText()).isEqualTo("Healthy");
    assertThat(state.getDomAttribute("class")).contains("tone-good");
    browser.screenshot("12-admin");
  }

  @Test
  @Order(3)
  void noPageOfTheJourneyBreaksItsContentSecurityPolicy() {
    // every page the founder went through logged to this console; each is opened once more
    for (String path :
        new String[] {"/", "/sessions", "/usage", sessionPath + "/masterplan", "/sessions/new"}) {
      browser.open(path);
      browser.await("main");
    }
    assertThat(browser.policyViolations()).isEmpty();
  }

  @Test
  @Order(4)
  void anotherUserCannotOpenTheSession() {
    SocraUser owner = server.bean(Users.class).create("carol", PASSWORD);
    String id = server.bean(SessionService.class).create(owner, IDEA, null).id();

    browser.forgetUser();
    browser.open("/signup");
    browser.await("#name").sendKeys("bob");
    browser.find("#password").sendKeys(PASSWORD);
    browser.find("form.form button[type=submit]").click();
    browser.until(d -> browser.path().equals("/sessions/new"));

    for (String path :
        List.of(
            "/sessions/" + id,
            "/sessions/" + id + "/pipeline",
            "/sessions/" + id + "/masterplan")) {
      browser.open(path);
      assertThat(browser.await("h1").getText()).as(path).isEqualTo("Session not found");
      assertThat(browser.find("main").getText()).doesNotContain("Exception", "at dev.socra", IDEA);
    }
    browser.screenshot("13-not-found");
    // bob is not the admin: the first user of the server is
    browser.open("/admin");
    assertThat(browser.await("h1").getText()).isEqualTo("For the admin only");
    browser.open("/sessions");
    assertThat(browser.find("main").getText()).doesNotContain("piano tuners");

    // Who is signed in and the sign-out button are two things, not one link.
    assertThat(browser.find(".signed-in").getText()).isEqualTo("Signed in as bob");
    assertThat(browser.find(".sign-out").getText()).isEqualTo("Sign out");
    // Sign out with the header's button, then back in: a wrong password is said plainly.
    browser.find(".sign-out").click();
    browser.until(d -> browser.path().equals("/"));
    browser.open("/signin");
    browser.await("#name").sendKeys("bob");
    browser.find("#password").sendKeys("not the password");
    browser.find("form.form button[type=submit]").click();
    assertThat(browser.await(".alert").getText()).contains("do not match");
    browser.find("#name").sendKeys("bob");
    browser.find("#password").sendKeys(PASSWORD);
    browser.screenshot("02b-sign-in");
    browser.find("form.form button[type=submit]").click();
    browser.until(d -> browser.path().equals("/sessions"));
  }

  @Test
  @Order(5)
  void theFounderDeletesTheSessionAfterConfirmingIt() {
    browser.forgetUser();
    browser.open("/signin");
    browser.await("#name").sendKeys("ada");
    browser.find("#password").sendKeys(PASSWORD);
    browser.find("form.form button[type=submit]").click();
    browser.until(d -> browser.path().equals("/sessions"));

    browser.open(sessionPath + "/masterplan");
    browser.await(".delete-session a").click();
    browser.until(d -> browser.path().equals(sessionPath + "/delete"));
    assertThat(browser.await("h1").getText()).isEqualTo("Delete this session?");
    assertThat(browser.find(".idea-card").getText()).contains("piano tuners");
    browser.screenshot("14-delete-confirmation");
    browser.find("#confirm-delete").click();
    browser.until(d -> browser.path().equals("/sessions"));
    assertThat(browser.find("main").getText()).doesNotContain("piano tuners");

    browser.open(sessionPath + "/masterplan");
    assertThat(browser.await("h1").getText()).isEqualTo("Session not found");
    assertThat(browser.policyViolations()).isEmpty();
  }

  private String nextQuestion(int n) {
    browser.until(
        d -> {
          List<WebElement> q = browser.all("#current[data-state=open] .from-socra .who");
          return !q.isEmpty() && q.getFirst().getText().equalsIgnoreCase("Question " + n);
        });
    return browser.find("#question").getText();
  }

  private void assertScoresAndAssumptions() {
    assertThat(browser.all("#scores .score-lines li")).hasSize(8);
    assertThat(browser.all("#scores svg .current-scores")).hasSize(1);
    assertThat(browser.all("#assumptions li")).isNotEmpty();
  }
}
