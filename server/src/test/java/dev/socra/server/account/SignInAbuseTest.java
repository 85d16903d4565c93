package dev.socra.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.server.testing.FormClient;
import dev.socra.server.testing.TestClock;
import dev.socra.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Password guessing through the sign-in form, as a prober did it (50 wrong passwords, then the
 * right one), against a server whose throttle runs on virtual time: each test is people at
 * addresses of their own on loopback, guessing at accounts of their own.
 */
class SignInAbuseTest {
  static final String PASSWORD = "correct horse battery staple";
  static final TestClock clock = new TestClock();
  static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            Map.of("SOCRA_SIGNIN_FAILURES", "5", "SOCRA_SIGNIN_MAX_DELAY", "15m"), clock);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  FormClient at(String address) {
    return new FormClient(server.port(), address);
  }

  @Test
  void fiftyWrongPasswordsThenTheRightOneDoesNotSignInButSaysWhenToTryAgain() {
    server.bean(Users.class).create("guess-ada", PASSWORD);
    FormClient attacker = at("127.0.0.2");
    int checked = 0;
    int refused = 0;
    for (int i = 0; i < 50; i++) {
      HttpResponse<String> r = attacker.signIn("guess-ada", "wrong guess number " + i);
      if (r.statusCode() == 302) {
        assertThat(r.headers().firstValue("Location"))
            .hasValueSatisfying(l -> assertThat(l).endsWith("/signin?error"));
        checked++;
      } else {
        assertThat(r.statusCode()).isEqualTo(429);
        refused++;
      }
    }
    assertThat(checked).as("guesses whose password was checked").isEqualTo(6);
    assertThat(refused).isEqualTo(44);

    HttpResponse<String> right = attacker.signIn("guess-ada", PASSWORD);
    assertThat(FormClient.signedIn(right)).as("the right password, while closed").isFalse();
    assertThat(right.statusCode()).isEqualTo(429);
    long retryAfter = Long.parseLong(right.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 1L);
    assertThat(right.body())
        .contains("Too many failed sign-ins for this account or from your address")
        .contains("Try again in 1 second")
        .contains("name=\"_csrf\"");

    clock.advance(Duration.ofSeconds(retryAfter));
    assertThat(FormClient.signedIn(at("127.0.0.9").signIn("guess-ada", PASSWORD)))
        .as("the owner, once the delay is over")
        .isTrue();
  }

  @Test
  void delaysDoubleWithEveryFailureUpToTheMaximumAndAlwaysEnd() {
    server.bean(Users.class).create("guess-bob", PASSWORD);
    FormClient attacker = at("127.0.0.3");
    for (int i = 0; i < 5; i++) {
      assertThat(attacker.signIn("guess-bob", "wrong " + i).statusCode()).isEqualTo(302);
    }
    long[] expected = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900};
    for (long seconds : expected) {
      assertThat(attacker.signIn("guess-bob", "still wrong").statusCode()).isEqualTo(302);
      HttpResponse<String> closed = attacker.signIn("guess-bob", "still wrong");
      assertThat(closed.statusCode()).isEqualTo(429);
      assertThat(closed.headers().firstValue("Retry-After")).contains(String.valueOf(seconds));
      clock.advance(Duration.ofSeconds(seconds));
    }
    assertThat(FormClient.signedIn(attacker.signIn("guess-bob", PASSWORD)))
        .as("no lockout is permanent: after the longest delay the right password works")
        .isTrue();
  }

  @Test
  void anAttackerCannotLockOutAnOwnerWhoSignedInFromTheirAddressBefore() {
    server.bean(Users.class).create("guess-cy", PASSWORD);
    FormClient owner = at("127.0.0.4");
    assertThat(FormClient.signedIn(owner.signIn("guess-cy", PASSWORD))).isTrue();

    FormClient attacker = at("127.0.0.5");
    for (int i = 0; i < 12; i++) {
      attacker.signIn("guess-cy", "wrong " + i);
    }
    assertThat(attacker.signIn("guess-cy", PASSWORD).statusCode())
        .as("the attacker, even with the right password")
        .isEqualTo(429);
    assertThat(FormClient.signedIn(at("127.0.0.4").signIn("guess-cy", PASSWORD)))
        .as("the owner, from the address they signed in from before")
        .isTrue();
  }

  @Test
  void oneAddressGuessingAcrossManyAccountsIsSlowedToo() {
    FormClient sprayer = at("127.0.0.6");
    for (int i = 0; i < 21; i++) {
      // one guess per account: no account reaches its own limit; the address passes its 20
      assertThat(sprayer.signIn("spray-" + i, "Summer2024!!").statusCode()).isEqualTo(302);
    }
    HttpResponse<String> r = sprayer.signIn("spray-21", "Summer2024!!");
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
    assertThat(at("127.0.0.7").signIn("spray-21", "Summer2024!!").statusCode())
        .as("another address")
        .isEqualTo(302);
  }

  @Test
  void theWaitPageIsOnlyReachedThroughAFailedSignIn() {
    HttpResponse<String> r = at("127.0.0.8").get("/signin/wait");
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/signin"));
  }
}
