package dev.socra.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socra.server.admin.Admin;
import dev.socra.server.testing.FormClient;
import dev.socra.server.testing.Http;
import dev.socra.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which passwords an account may have (NIST SP 800-63B): at least 10 characters, at most 200, not
 * only spaces, not on the common-password list, not the account's name; no composition rules. The
 * same rules for the API, the sign-up page and {@code socra user add}.
 */
class PasswordPolicyTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("SOCRA_SIGNUPS_PER_HOUR", "1000"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  Http.Response signUp(String name, String password) {
    return Http.anonymous(server.baseUrl())
        .post("/api/signup", Map.of("name", name, "password", password));
  }

  @Test
  void theListHoldsTensOfThousandsOfCommonPasswords() {
    assertThat(PasswordPolicy.commonCount()).isGreaterThanOrEqualTo(10_000);
    assertThat(PasswordPolicy.common("qwertyuiop")).isTrue();
    assertThat(PasswordPolicy.common("Password123")).as("any case").isTrue();
    assertThat(PasswordPolicy.common("correct horse battery staple")).isFalse();
  }

  @Test
  void aCommonPasswordIsRefusedWithTheReason() {
    for (String common : new String[] {"password123", "1q2w3e4r5t", "Basketball", "iloveyou12"}) {
      Http.Response r = signUp("common-" + common.length() + common.charAt(0), common);
      assertThat(r.status()).as(common).isEqualTo(400);
      assertThat(r.json().get("detail").asText())
          .contains("on the list of the most common passwords");
    }
    assertThat(server.bean(Users.class).byName("common-11p")).isEmpty();
  }

  @Test
  void aPasswordOfOnlySpacesIsRefusedWhateverTheSpaces() {
    for (String blank :
        new String[] {
          " ".repeat(12),
          "\t".repeat(10),
          "\u00a0".repeat(10),
          "\u200b".repeat(11),
          " \u3000".repeat(6)
        }) {
      Http.Response r = signUp("blank-" + (int) blank.charAt(0), blank);
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().get("detail").asText()).isEqualTo("a password cannot be only spaces");
    }
  }

  @Test
  void oneRepeatedCharacterAndTheAccountsOwnNameAreRefused() {
    assertThat(signUp("repeat-ann", "aaaaaaaaaaaa").json().get("detail").asText())
        .isEqualTo("a password cannot be one character repeated");
    assertThat(signUp("Grace.Hopper", "grace.hopper").json().get("detail").asText())
        .isEqualTo("a password cannot be the account's name");
  }

  @Test
  void longPassphrasesOfAnyCharactersAreWelcomeWithoutCompositionRules() {
    assertThat(signUp("phrase-ann", "tuners in vermont book by phone").status()).isEqualTo(201);
    assertThat(signUp("phrase-bob", "x".repeat(150) + " and then some more words").status())
        .isEqualTo(201);
    assertThat(signUp("phrase-cy", "ängström für alle").status())
        .as("no ASCII rule")
        .isEqualTo(201);
    assertThat(signUp("phrase-di", "ab".repeat(101)).status()).as("over 200").isEqualTo(400);
    assertThat(signUp("phrase-ed", "😀😃😄😁😆😅😂🤣😊😇").status())
        .as("ten characters, twenty UTF-16 units")
        .isEqualTo(201);
  }

  @Test
  void theSignUpPageRefusesACommonPasswordToo() {
    HttpResponse<String> r =
        new FormClient(server.port(), "127.0.0.1").signUp("page-ann", "qwerty123456");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("That password is on the list of the most common passwords");
    assertThat(server.bean(Users.class).byName("page-ann")).isEmpty();
  }

  @Test
  void socraUserAddRefusesACommonPassword() throws Exception {
    var dir = Files.createTempDirectory("socra-admin-policy");
    try (Admin admin = Admin.open(Map.of("SOCRA_DATA_DIR", dir.toString()))) {
      assertThatThrownBy(() -> admin.addUser("cli-ann", "1234567890"))
          .isInstanceOf(AccountException.class)
          .hasMessageContaining("most common passwords");
      assertThatThrownBy(() -> admin.addUser("cli-bob", "          "))
          .hasMessage("a password cannot be only spaces");
      assertThat(admin.addUser("cli-cy", "tuners in vermont").name()).isEqualTo("cli-cy");
    }
  }
}
