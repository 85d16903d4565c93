package dev.socra.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socra.server.testing.Http;
import dev.socra.server.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who becomes admin and which names are one name, on the embedded database here and on PostgreSQL
 * in {@link AccountRulesPostgresTest}: the database decides both, so two servers or two requests at
 * the same moment cannot get around them.
 */
@Tag("security")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountRulesTest {
  static final String PASSWORD = "correct horse battery staple";
  TestServer server;
  Users users;
  JdbcClient db;

  TestServer startServer() {
    return TestServer.start(Map.of("SOCRA_USER_RPM", "100000"));
  }

  @BeforeAll
  void start() {
    server = startServer();
    users = server.bean(Users.class);
    db = server.bean(JdbcClient.class);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void simultaneousFirstSignUpsMakeExactlyOneAdmin() throws Exception {
    int rounds = 10;
    int founders = 8;
    try (ExecutorService pool = Executors.newFixedThreadPool(founders)) {
      for (int round = 0; round < rounds; round++) {
        db.sql("DELETE FROM users").update(); // a fresh server: nobody is admin yet
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SocraUser>> made = new ArrayList<>();
        for (int i = 0; i < founders; i++) {
          String name = "first-" + round + "-" + i;
          // without a password, as `socra token create` makes them: no hashing in between
          made.add(
              pool.submit(
                  () -> {
                    go.await();
                    return users.createWithoutPassword(name);
                  }));
        }
        go.countDown();
        long admins = 0;
        for (Future<SocraUser> f : made) {
          admins += f.get().admin() ? 1 : 0;
        }
        assertThat(admins).as("admins among %d simultaneous first users", founders).isEqualTo(1);
        assertThat(db.sql("SELECT COUNT(*) FROM users WHERE admin").query(Long.class).single())
            .isEqualTo(1);
        assertThat(db.sql("SELECT COUNT(*) FROM users").query(Long.class).single())
            .isEqualTo(founders);
      }
    }
  }

  @Test
  void namesThatDifferOnlyInCaseOrWidthAreOneNameAndMixedScriptsAreRefused() {
    SocraUser carol = users.create("Carol", PASSWORD);
    Http anyone = Http.anonymous(server.baseUrl());
    for (String lookAlike : new String[] {"carol", "CAROL", "ｃａｒｏｌ", " Carol "}) {
      Http.Response r = anyone.post("/api/signup", Map.of("name", lookAlike, "password", PASSWORD));
      assertThat(r.status()).as(lookAlike).isEqualTo(400);
      assertThat(r.json().get("detail").asText()).contains("is taken");
    }
    Http.Response mixed =
        anyone.post("/api/signup", Map.of("name", "\u0441arol", "password", PASSWORD));
    assertThat(mixed.status()).isEqualTo(400);
    assertThat(mixed.json().get("detail").asText())
        .contains("one alphabet")
        .contains("Latin and Cyrillic");
    // one script alone is a name like any other
    assertThat(users.create("\u0441\u0432\u0435\u0442\u0430", PASSWORD).admin()).isFalse();

    assertThat(users.authenticate("CAROL", PASSWORD)).map(SocraUser::id).contains(carol.id());
    assertThat(users.authenticate("ｃａｒｏｌ", PASSWORD)).map(SocraUser::id).contains(carol.id());
    assertThat(users.byName("carol")).map(SocraUser::id).contains(carol.id());
    assertThat(users.authenticate("\u0441arol", PASSWORD)).isEmpty();
  }

  @Test
  void accountsMadeBeforeNamesWereComparedKeepWorkingByTheirExactNames() {
    SocraUser older = users.create("dave-old", PASSWORD);
    SocraUser newer = users.create("dave-new", PASSWORD + " 2");
    // as a database from before: two names one case apart, neither with a key yet
    db.sql("UPDATE users SET name = 'Dave', name_key = NULL WHERE id = ?")
        .param(older.id())
        .update();
    db.sql("UPDATE users SET name = 'dave', name_key = NULL WHERE id = ?")
        .param(newer.id())
        .update();

    users.fillNameKeys(); // what every start does

    assertThat(users.authenticate("Dave", PASSWORD)).map(SocraUser::id).contains(older.id());
    assertThat(users.authenticate("dave", PASSWORD + " 2")).map(SocraUser::id).contains(newer.id());
    assertThat(users.authenticate("DAVE", PASSWORD))
        .as("another spelling finds the older account")
        .map(SocraUser::id)
        .contains(older.id());
    assertThatThrownBy(() -> users.create("DaVe", PASSWORD))
        .isInstanceOf(AccountException.class)
        .hasMessageContaining("is taken");
  }

  @Test
  void controlCharactersInAnyTextFieldAre400NamingTheField() {
    Http anyone = Http.anonymous(server.baseUrl());
    Http.Response name =
        anyone.post("/api/signup", Map.of("name", "nul\u0000name", "password", PASSWORD));
    assertThat(name.status()).isEqualTo(400);
    assertThat(name.json().get("detail").asText()).contains("user name");
    Http.Response password =
        anyone.post("/api/signup", Map.of("name", "nulpass", "password", PASSWORD + "\u0000"));
    assertThat(password.status()).isEqualTo(400);
    assertThat(password.json().get("detail").asText())
        .startsWith("a password holds a control character (U+0000) at position 29");

    Http ada = Http.as(server.baseUrl(), server.userWithToken("nul-ada"));
    Http.Response label = ada.post("/api/tokens", Map.of("label", "lap\u0000top"));
    assertThat(label.status()).isEqualTo(400);
    assertThat(label.json().get("detail").asText())
        .startsWith("a token label holds a control character (U+0000) at position 4");
    Http.Response escape = ada.post("/api/tokens", Map.of("label", "lap\u001b[31mtop"));
    assertThat(escape.status()).isEqualTo(400);
    assertThat(escape.json().get("detail").asText()).contains("(U+001B)");

    Http.Response idea =
        ada.post(
            "/api/sessions",
            Map.of("idea", "Welding robots rented by the hour\u0000 to small shops"));
    assertThat(idea.status()).isEqualTo(400);
    assertThat(idea.json().get("detail").asText())
        .startsWith("The idea holds a control character (U+0000) at position 34");
    // long text keeps its line breaks and tabs
    Http.Response ok =
        ada.post(
            "/api/sessions",
            Map.of("idea", "Welding robots rented by the hour\r\n\tto small shops in Ohio"));
    assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    String id = ok.json().get("id").asText();
    ada.events("/api/sessions/" + id + "/turns/1/events");
    Http.Response answer =
        ada.post(
            "/api/sessions/" + id + "/answers", Map.of("answer", "Shops\u0000 pay", "question", 1));
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("detail").asText())
        .startsWith("An answer holds a control character (U+0000)");

    // Tomcat itself refuses a NUL in the address; Socra words the answer all the same
    for (String path : new String[] {"/api/sessions/%00", "/api/sessions/" + id + "%00/usage"}) {
      Http.Response r = ada.get(path);
      assertThat(r.status()).as(path).isEqualTo(400);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
      assertThat(r.json().get("detail").asText()).contains("characters that are not allowed");
    }
    for (String path : new String[] {"/api/sessions/%01", "/api/sessions/" + id + "%1B/usage"}) {
      Http.Response r = ada.get(path);
      assertThat(r.status()).as(path).isEqualTo(400);
      assertThat(r.json().get("detail").asText()).startsWith("The address holds a control");
    }
    Http.Response revoke = ada.delete("/api/tokens/%01");
    assertThat(revoke.status()).isEqualTo(400);
    Http.Response query = ada.get("/api/sessions/" + id + "/masterplan?format=%00");
    assertThat(query.status()).isEqualTo(400);
    assertThat(query.json().get("detail").asText()).startsWith("The parameter 'format' holds");
  }
}
