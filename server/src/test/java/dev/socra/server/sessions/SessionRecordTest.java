package dev.socra.server.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socra.server.account.SocraUser;
import dev.socra.server.account.Users;
import dev.socra.server.testing.FormClient;
import dev.socra.server.testing.Http;
import dev.socra.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A finished session as a record to keep: named by its founder, listed with its verdict and date,
 * downloaded under the idea's name and the date, and shared read-only through a link that only its
 * owner can make and revoke and that shows nothing of its owner.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionRecordTest {
  static final String IDEA =
      "A marketplace that lets independent physiotherapists rent treatment rooms by the hour";
  static final String PASSWORD = "correct horse battery staple";

  TestServer server;
  Http ada;
  Http bob;
  Http stranger;
  String done;

  @BeforeAll
  void start() {
    server = TestServer.shared();
    ada = Http.as(server.baseUrl(), server.userWithToken("record-ada"));
    bob = Http.as(server.baseUrl(), server.userWithToken("record-bob"));
    stranger = Http.anonymous(server.baseUrl());
    done = finished(ada);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  /** A session taken from idea to masterplan: one answer, then the plan. */
  static String finished(Http user) {
    Http.Response r = user.post("/api/sessions", Map.of("idea", IDEA));
    String id = r.json().get("id").asText();
    user.events("/api/sessions/" + id + "/turns/1/events");
    user.events(
        user.request("/api/sessions/" + id + "/answers")
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"answer\":\"Twelve clinics in Leeds have rooms empty on Fridays.\","
                        + "\"question\":1}")),
        Integer.MAX_VALUE);
    user.post("/api/sessions/" + id + "/end", "");
    user.events(
        user.request("/api/sessions/" + id + "/pipeline").POST(noBody()), Integer.MAX_VALUE);
    return id;
  }

  static HttpRequest.BodyPublisher noBody() {
    return HttpRequest.BodyPublishers.noBody();
  }

  Http.Response patch(Http user, String id, Object body) {
    return user.send(
        user.request("/api/sessions/" + id)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  @Test
  void theFounderRenamesASessionAndTheListShowsItWithItsVerdictAndDate() {
    Http.Response renamed = patch(ada, done, "{\"title\":\"Physio rooms, Leeds\"}");
    assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
    assertThat(renamed.json().get("title").asText()).isEqualTo("Physio rooms, Leeds");
    JsonNode line = line(ada, done);
    assertThat(line.get("title").asText()).isEqualTo("Physio rooms, Leeds");
    assertThat(line.get("decision").asText()).isIn("pursue", "test", "pivot", "drop");
    assertThat(line.get("createdAt").asText()).startsWith(LocalDate.now(ZoneOffset.UTC).toString());

    assertThat(patch(ada, done, "{\"title\":\"   \"}").status()).isEqualTo(400);
    Http.Response tooLong = patch(ada, done, "{\"title\":\"" + "n".repeat(121) + "\"}");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().get("detail").asText()).contains("the limit is 120");
    Http.Response control = patch(ada, done, "{\"title\":\"Physio\\u0000rooms\"}");
    assertThat(control.status()).isEqualTo(400);
    assertThat(control.json().get("detail").asText()).contains("control character");
    assertThat(patch(ada, done, "{\"title\":42}").status()).isEqualTo(400);
    assertThat(patch(bob, done, "{\"title\":\"Mine now\"}").status()).isEqualTo(404);
    assertThat(line(ada, done).get("title").asText()).isEqualTo("Physio rooms, Leeds");
  }

  @Test
  void aSessionNeverRenamedIsListedByItsIdeasShortName() {
    String id = ada.post("/api/sessions", Map.of("idea", IDEA)).json().get("id").asText();
    JsonNode line = line(ada, id);
    assertThat(line.get("title").asText())
        .isEqualTo("Marketplace for independent physiotherapists");
    assertThat(line.get("decision").isNull()).as("no verdict yet").isTrue();
  }

  @Test
  void theDownloadIsNamedAfterTheIdeaAndTheDateAndOpensWithTheVerdict() {
    Http.Response report = ada.get("/api/sessions/" + done + "/report");
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    assertThat(report.header("Content-Disposition"))
        .contains("socra-marketplace-for-independent-physiotherapists-" + today + ".md");
    List<String> paragraphs = List.of(report.body().split("\n\n"));
    assertThat(paragraphs.get(1)).startsWith("**Verdict: ");
    assertThat(report.body())
        .contains("**Written in demo mode.**")
        .contains(dev.socra.core.report.SessionMarkdown.REAL_MODEL_ADDS)
        .contains("## Transcript")
        .contains("> Twelve clinics in Leeds have rooms empty on Fridays.");
  }

  @Test
  void aSharedLinkShowsTheRecordToAnyoneWithoutItsOwnerUntilItIsRevoked() {
    SocraUser owner = server.bean(Users.class).create("record-carol", PASSWORD);
    Http carol =
        Http.as(
            server.baseUrl(),
            server.bean(dev.socra.server.account.ApiTokens.class).create(owner.id(), "t"));
    String id = finished(carol);
    assertThat(carol.get("/api/sessions/" + id + "/share").json().get("shared").asBoolean())
        .isFalse();

    Http.Response made = carol.post("/api/sessions/" + id + "/share", "");
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    String url = made.json().get("url").asText();
    String token = url.substring(url.indexOf("/shared/") + "/shared/".length());
    assertThat(token).hasSize(48).matches("[A-Za-z0-9_-]+");
    // stored only as a hash: the token is nowhere in the database
    JdbcClient db = server.bean(JdbcClient.class);
    List<Map<String, Object>> rows =
        db.sql("SELECT * FROM session_shares WHERE session_id = ?").param(id).query().listOfRows();
    assertThat(rows).hasSize(1);
    assertThat(rows.getFirst().values().toString()).doesNotContain(token.substring(16));

    Http.Response page = stranger.get("/shared/" + token);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("X-Robots-Tag")).contains("noindex");
    assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(page.header("Cache-Control")).contains("no-store");
    assertThat(page.body())
        .contains("name=\"robots\" content=\"noindex")
        .contains("Verdict")
        .contains("Transcript")
        .contains("Twelve clinics in Leeds have rooms empty on Fridays.")
        .doesNotContain("record-carol")
        .doesNotContain(owner.id())
        .doesNotContain("/delete")
        .doesNotContain("Stop sharing");
    Http.Response md = stranger.get("/shared/" + token + "/report.md");
    assertThat(md.status()).isEqualTo(200);
    assertThat(md.body()).startsWith("# Socra masterplan").doesNotContain("record-carol");
    // another user cannot share, revoke or read the owner's link state
    assertThat(ada.post("/api/sessions/" + id + "/share", "").status()).isEqualTo(404);
    assertThat(ada.delete("/api/sessions/" + id + "/share").status()).isEqualTo(404);
    assertThat(ada.get("/api/sessions/" + id + "/share").status()).isEqualTo(404);

    // a link that is almost right, or not a link at all, leads nowhere
    char last = token.charAt(47);
    String almost = token.substring(0, 47) + (last == 'A' ? 'B' : 'A');
    for (String wrong :
        List.of(almost, token.substring(0, 47), token + "A", "x".repeat(5_000), "%00", "..%2f")) {
      assertThat(stranger.get("/shared/" + wrong).status()).as(wrong).isIn(400, 404);
    }

    // a new link replaces the old one
    String second = carol.post("/api/sessions/" + id + "/share", "").json().get("url").asText();
    assertThat(second).isNotEqualTo(url);
    assertThat(stranger.get("/shared/" + token).status()).isEqualTo(404);
    String secondToken = second.substring(second.indexOf("/shared/") + "/shared/".length());
    assertThat(stranger.get("/shared/" + secondToken).status()).isEqualTo(200);

    Http.Response revoked = carol.delete("/api/sessions/" + id + "/share");
    assertThat(revoked.status()).isEqualTo(204);
    Http.Response gone = stranger.get("/shared/" + secondToken);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body()).contains("This link leads nowhere").doesNotContain("Fridays");
    assertThat(stranger.get("/shared/" + secondToken + "/report.md").status()).isEqualTo(404);
    assertThat(carol.get("/api/sessions/" + id + "/share").json().get("shared").asBoolean())
        .isFalse();
  }

  @Test
  void onlyAFinishedSessionCanBeShared() {
    String id = ada.post("/api/sessions", Map.of("idea", IDEA)).json().get("id").asText();
    Http.Response early = ada.post("/api/sessions/" + id + "/share", "");
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.json().get("detail").asText()).contains("once its plan is built");
  }

  @Test
  void theSameNewIdeaFormSentTwiceMakesOneSession() {
    FormClient browser = new FormClient(server.port(), "127.0.0.121");
    assertThat(FormClient.signedIn(browser.signUp("record-dana", PASSWORD))).isTrue();
    String form = browser.get("/sessions/new").body();
    assertThat(form).contains("autocomplete=\"off\"").doesNotContain("maxlength=\"4000\"");
    String key = between(form, "name=\"formKey\" value=\"", "\"");
    String fields = "idea=" + enc(IDEA) + "&maxTurns=3&formKey=" + key;
    HttpResponse<String> first = browser.postForm("/sessions/new", "/sessions", fields);
    HttpResponse<String> again = browser.postForm("/sessions/new", "/sessions", fields);
    assertThat(first.statusCode()).isEqualTo(302);
    assertThat(again.headers().firstValue("Location"))
        .isEqualTo(first.headers().firstValue("Location"));
    assertThat(browser.get("/sessions").body().split("class=\"card session-line\"", -1))
        .as("one line for the one session")
        .hasSize(2);
    // a fresh form has a fresh key: a second idea is a second session
    String other = between(browser.get("/sessions/new").body(), "name=\"formKey\" value=\"", "\"");
    assertThat(other).isNotEqualTo(key);
  }

  @Test
  void anIdeaOverTheLimitIsRefusedWholeSayingHowMuchToCut() {
    FormClient browser = new FormClient(server.port(), "127.0.0.122");
    assertThat(FormClient.signedIn(browser.signUp("record-erin", PASSWORD))).isTrue();
    String idea = "A booking tool for piano tuners." + " Tuners lose bookings.".repeat(190);
    assertThat(idea.length()).isGreaterThan(4_000);
    HttpResponse<String> r =
        browser.postForm("/sessions/new", "/sessions", "idea=" + enc(idea) + "&maxTurns=7");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains("the limit is 4000")
        .contains("Cut " + (idea.length() - 4_000) + " characters")
        .contains(idea.substring(idea.length() - 60)); // the text is kept whole in the box
  }

  static JsonNode line(Http user, String id) {
    for (JsonNode n : user.get("/api/sessions").json()) {
      if (n.get("id").asText().equals(id)) {
        return n;
      }
    }
    throw new AssertionError("no line for " + id);
  }

  static String between(String text, String start, String end) {
    int i = text.indexOf(start) + start.length();
    return text.substring(i, text.indexOf(end, i));
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
