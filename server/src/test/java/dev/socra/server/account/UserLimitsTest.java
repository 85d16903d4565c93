package dev.socra.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.server.ServerSettings;
import dev.socra.server.testing.Http;
import dev.socra.server.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What each user may do on a server with small limits: 5 requests a minute, $0.50 of LLM calls a
 * day, bodies of 64 KiB under /api and 8 MiB under /v1, and sign-up closed. Each test has users of
 * its own, so their request counts do not mix.
 */
class UserLimitsTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            Map.of(
                "SOCRA_USER_RPM", "5",
                "SOCRA_USER_DAILY_USD", "0.50",
                "SOCRA_SIGNUP", "closed"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  Http as(String name) {
    return Http.as(server.baseUrl(), server.userWithToken(name));
  }

  @Test
  void pastItsRequestsPerMinuteAUserGets429WithRetryAfterAndOthersDoNot() {
    Http ada = as("rate-ada");
    for (int i = 4; i >= 0; i--) {
      Http.Response ok = ada.get("/api/me");
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(String.valueOf(i));
    }
    Http.Response limited = ada.get("/api/me");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
    assertThat(limited.json().get("detail").asText())
        .contains("each user may make 5 requests a minute (SOCRA_USER_RPM)");
    // one request comes back every 60/5 = 12 seconds
    assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 12L);

    assertThat(as("rate-grace").get("/api/me").status()).as("another user").isEqualTo(200);
  }

  @Test
  void underV1TheRateLimitSpeaksOpenAisErrorShape() {
    Http bob = as("rate-bob");
    for (int i = 0; i < 5; i++) {
      assertThat(bob.get("/v1/models").status()).isEqualTo(200);
    }
    Http.Response limited = bob.get("/v1/models");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isNotNull();
    assertThat(limited.json().at("/error/type").asText()).isEqualTo("rate_limit_error");
    assertThat(limited.json().at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
  }

  @Test
  void atTheDailySpendCapCallsThatSpendAre429UntilMidnightUtc() {
    Http spender = as("spend-ada");
    Http thrifty = as("spend-bob");
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    OffsetDateTime yesterday =
        now.toLocalDate().atStartOfDay().atOffset(ZoneOffset.UTC).minusSeconds(1);
    spend("spend-ada", now, "0.30");
    spend("spend-ada", now, "0.20"); // 0.50 today: the cap is reached
    spend("spend-bob", yesterday, "5.00"); // yesterday's spend does not count
    spend("spend-bob", now, "0.49");
    spend(null, now, "100"); // nor calls made for nobody

    assertThat(server.bean(LlmSpend.class).today(id("spend-ada"))).isEqualByComparingTo("0.50");
    assertThat(server.bean(LlmSpend.class).today(id("spend-bob"))).isEqualByComparingTo("0.49");

    Http.Response session =
        spender.post("/api/sessions", Map.of("idea", "Welding robots rented by the hour"));
    assertThat(session.status()).isEqualTo(429);
    assertThat(session.json().get("detail").asText())
        .startsWith("daily LLM spend cap of $0.50 reached; resets at 00:00 UTC");
    long untilMidnight = Long.parseLong(session.header("Retry-After"));
    assertThat(untilMidnight).isBetween(1L, 86_400L);

    Http.Response completion = spender.post("/v1/chat/completions", chat("default"));
    assertThat(completion.status()).isEqualTo(429);
    assertThat(completion.json().at("/error/type").asText()).isEqualTo("insufficient_quota");
    assertThat(completion.json().at("/error/message").asText())
        .startsWith("daily LLM spend cap of $0.50 reached");

    Http.Response page = spender.post("/sessions/any/answers", Map.of("answer", "yes"));
    assertThat(page.status()).as("the pages' forms too").isEqualTo(429);

    assertThat(spender.get("/api/sessions").status()).as("reading spends nothing").isEqualTo(200);

    String model = thrifty.get("/v1/models").json().at("/data/0/id").asText();
    assertThat(thrifty.post("/v1/chat/completions", chat(model)).status())
        .as("under the cap")
        .isEqualTo(200);
  }

  @Test
  void bodiesOverTheLimitAre413WhetherDeclaredOrChunked() {
    Http big = as("body-ada");
    String tooBigForApi = json(RequestBodyLimit.API_LIMIT + 1);
    Http.Response declared = big.post("/api/sessions", tooBigForApi);
    assertThat(declared.status()).isEqualTo(413);
    assertThat(declared.json().get("detail").asText())
        .contains("requests under /api take at most 65536 bytes (64 KiB)");

    Http.Response chunked = big.send(chunked(big, "/api/sessions", json(70 * 1024)));
    assertThat(chunked.status()).isEqualTo(413);
    assertThat(chunked.json().get("detail").asText()).contains("more than 65536 bytes");

    // a chunked body within the limit reaches the controller whole
    Http.Response token = big.send(chunked(big, "/api/tokens", "{\"label\":\"sent in chunks\"}"));
    assertThat(token.status()).isEqualTo(201);
    assertThat(token.json().get("label").asText()).isEqualTo("sent in chunks");

    Http.Response gateway =
        big.post("/v1/chat/completions", json(RequestBodyLimit.GATEWAY_LIMIT + 1));
    assertThat(gateway.status()).isEqualTo(413);
    assertThat(gateway.json().at("/error/code").asText()).isEqualTo("request_too_large");

    // 100 KiB is past the /api limit but well within /v1's
    assertThat(big.post("/v1/chat/completions", json(100 * 1024)).status()).isNotEqualTo(413);
  }

  @Test
  void withSignUpClosedNobodySignsUp() {
    assertThat(server.bean(ServerSettings.class).signupOpen()).isFalse();
    Http.Response r =
        Http.anonymous(server.baseUrl())
            .post("/api/signup", Map.of("name", "mallory", "password", "long enough password"));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().get("detail").asText()).contains("SOCRA_SIGNUP=closed");
    assertThat(server.bean(Users.class).byName("mallory")).isEmpty();
  }

  @Test
  void passwordsAreStoredOnlyAsArgon2idHashes() {
    Users users = server.bean(Users.class);
    users.create("hash-ada", "analytical engine");
    users.create("hash-bob", "analytical engine");
    String ada = passwordHash("hash-ada");
    assertThat(ada).startsWith("$argon2id$").doesNotContain("analytical");
    assertThat(passwordHash("hash-bob")).as("salted").startsWith("$argon2id$").isNotEqualTo(ada);
    assertThat(users.authenticate("hash-ada", "analytical engine")).isPresent();
    assertThat(users.authenticate("hash-ada", "analytical engines")).isEmpty();
    assertThat(users.authenticate("nobody", "analytical engine")).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------

  private static String id(String name) {
    return server.bean(Users.class).byName(name).orElseThrow().id();
  }

  /** A ledger row as the router's listener writes it: one attempt, its cost, for whom. */
  private static void spend(String userName, OffsetDateTime at, String usd) {
    server
        .bean(JdbcClient.class)
        .sql(
            "INSERT INTO llm_attempts (at, user_id, session_id, stage, route, call_id, attempt,"
                + " target, model, outcome, http_status, input_tokens, output_tokens, estimated,"
                + " cost_usd, latency_ms, ttft_ms)"
                + " VALUES (?, ?, NULL, 'interview', 'default', 1, 1, 'groq/llama', 'llama',"
                + " 'ok', 200, 1000, 100, FALSE, ?, 500, 100)")
        .params(at, userName == null ? null : id(userName), new BigDecimal(usd))
        .update();
  }

  private static Map<String, Object> chat(String model) {
    return Map.of("model", model, "messages", List.of(Map.of("role", "user", "content", "Hi")));
  }

  /** A JSON document of exactly {@code bytes} bytes. */
  private static String json(int bytes) {
    String head = "{\"idea\":\"";
    String tail = "\"}";
    return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
  }

  /** A POST whose body has no declared length: sent in chunks. */
  private static HttpRequest.Builder chunked(Http as, String path, String body) {
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return as.request(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
  }

  private static String passwordHash(String name) {
    return server
        .bean(JdbcClient.class)
        .sql("SELECT password_hash FROM users WHERE name = ?")
        .param(name)
        .query(String.class)
        .single();
  }
}
