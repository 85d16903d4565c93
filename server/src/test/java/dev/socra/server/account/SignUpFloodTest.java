package dev.socra.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.server.testing.FormClient;
import dev.socra.server.testing.Http;
import dev.socra.server.testing.TestClock;
import dev.socra.server.testing.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sign-up as an unauthenticated CPU sink: a prober sent 300 parallel sign-ups (an Argon2 hash
 * each), made 1,004 accounts in 20 s, and slowed everyone else's calls to seconds. Here: a few
 * sign-ups an hour per address, one hash at a time, and signed-in users never wait behind hashing.
 */
class SignUpFloodTest {
  static final TestClock clock = new TestClock();
  static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            Map.of(
                "SOCRA_SIGNUPS_PER_HOUR", "5",
                "SOCRA_HASH_CONCURRENCY", "1",
                // long enough that no sign-up within the allowance is refused on a slow machine
                "SOCRA_HASH_WAIT", "30s"),
            clock);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void sixtyParallelSignUpsFromOneAddressMakeOnlyTheHourlyAllowanceOfAccounts() throws Exception {
    List<HttpResponse<String>> answers = flood("127.0.1.1", "flood-a-", 60);
    List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).toList();
    assertThat(statuses).filteredOn(s -> s == 201).hasSize(5);
    assertThat(statuses).filteredOn(s -> s == 429).hasSize(55);
    for (HttpResponse<String> r : answers) {
      if (r.statusCode() == 429) {
        assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow()))
            .isBetween(1L, 720L); // one sign-up comes back every 60/5 = 12 minutes
        assertThat(r.body()).contains("too many sign-ups from your address");
      }
    }
    assertThat(users("flood-a-")).isEqualTo(5);

    assertThat(flood("127.0.1.2", "flood-b-", 1).getFirst().statusCode())
        .as("another address")
        .isEqualTo(201);
    HttpResponse<String> page =
        new FormClient(server.port(), "127.0.1.1").signUp("flood-a-page", "tuners in vermont");
    assertThat(page.statusCode()).as("the sign-up page counts too").isEqualTo(429);
    assertThat(page.body()).contains("Too many sign-ups from your address. Try again in");

    clock.advance(Duration.ofMinutes(12));
    assertThat(flood("127.0.1.1", "flood-a-later-", 1).getFirst().statusCode())
        .as("an allowance comes back with time")
        .isEqualTo(201);
  }

  @Test
  void aFloodOfSignUpsNeverHashesMorePasswordsAtOnceThanTheBound() throws Exception {
    List<HttpResponse<String>> answers = new ArrayList<>();
    // five addresses, four sign-ups each: within the hourly allowance, so every one is hashed
    // unless the hashing slots stay busy past SOCRA_HASH_WAIT
    for (int a = 0; a < 5; a++) {
      answers.addAll(flood("127.0.2." + (a + 1), "bound-" + a + "-", 4));
    }
    for (HttpResponse<String> r : answers) {
      assertThat(r.statusCode()).as(r.body()).isIn(201, 503);
      if (r.statusCode() == 503) {
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
      }
    }
    assertThat(server.bean(PasswordHashing.class).peak()).isEqualTo(1);
    assertThat(Http.as(server.baseUrl(), server.adminToken()).get("/actuator/prometheus").body())
        .contains("socra_password_hashes_active");
  }

  @Test
  void whileEveryHashingSlotIsBusySignUpsAndSignInsAre503AndSignedInCallsAreAnsweredAtOnce()
      throws Exception {
    try (TestServer busy =
        TestServer.start(Map.of("SOCRA_HASH_CONCURRENCY", "1", "SOCRA_HASH_WAIT", "0s"))) {
      whileHashingIsStuck(busy);
    }
  }

  private static void whileHashingIsStuck(TestServer server) throws Exception {
    String token = server.userWithToken("busy-ada");
    PasswordHashing hashing = server.bean(PasswordHashing.class);
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        Thread.ofVirtual()
            .start(
                () ->
                    hashing.run(
                        () -> {
                          held.countDown();
                          release.await();
                          return null;
                        }));
    try {
      held.await();
      HttpResponse<String> signUp = flood(server, "127.0.3.1", "busy-", 1).getFirst();
      assertThat(signUp.statusCode()).isEqualTo(503);
      assertThat(signUp.headers().firstValue("Retry-After")).contains("1");
      assertThat(signUp.body()).contains("the server is busy checking passwords");

      HttpResponse<String> signIn =
          new FormClient(server.port(), "127.0.3.2")
              .signIn("busy-ada", "correct horse battery staple");
      assertThat(signIn.statusCode()).isEqualTo(503);
      assertThat(signIn.headers().firstValue("Retry-After")).isPresent();
      assertThat(signIn.body()).contains("The server is busy checking passwords. Try again in");

      // Signed-in calls need no hashing: forty at once are all answered while hashing is stuck.
      Http ada = Http.as(server.baseUrl(), token);
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<Http.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          calls.add(pool.submit(() -> ada.get("/api/sessions")));
        }
        for (Future<Http.Response> c : calls) {
          assertThat(c.get().status()).isEqualTo(200);
        }
      }
      assertThat(Http.anonymous(server.baseUrl()).get("/actuator/health").status()).isEqualTo(200);
    } finally {
      release.countDown();
      holder.join();
    }
    assertThat(flood(server, "127.0.3.1", "busy-after-", 1).getFirst().statusCode()).isEqualTo(201);
  }

  /** {@code n} sign-ups at once from {@code address}, names {@code prefix0}, {@code prefix1} ... */
  static List<HttpResponse<String>> flood(String address, String prefix, int n) throws Exception {
    return flood(server, address, prefix, n);
  }

  static List<HttpResponse<String>> flood(TestServer server, String address, String prefix, int n)
      throws Exception {
    HttpClient client =
        HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).build();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<HttpResponse<String>>> sent = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String body =
            Http.JSON.writeValueAsString(
                Map.of("name", prefix + i, "password", "tuners in vermont " + i));
        sent.add(
            pool.submit(
                () ->
                    client.send(
                        HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + server.port() + "/api/signup"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                        HttpResponse.BodyHandlers.ofString())));
      }
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (Future<HttpResponse<String>> f : sent) {
        answers.add(f.get());
      }
      return answers;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static long users(String prefix) {
    return server
        .bean(JdbcClient.class)
        .sql("SELECT COUNT(*) FROM users WHERE name LIKE ?")
        .param(prefix + "%")
        .query(Long.class)
        .single();
  }
}
