package dev.socra.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.spend.SpendCeiling;
import dev.socra.llm.testkit.FakeProvider;
import dev.socra.server.account.LlmSpend;
import dev.socra.server.account.Users;
import dev.socra.server.observe.AttemptLedger;
import dev.socra.server.testing.Http;
import dev.socra.server.testing.TestServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What limits look like through the gateway under load: the daily spend cap against many parallel
 * calls, a provider budget that has run out, and a stream its client walks away from. Upstream is
 * the fake provider at $1 per million input tokens and $2 per million output tokens.
 */
class GatewayLimitsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final BigDecimal CAP = new BigDecimal("0.001");
  static final int MAX_TOKENS = 50;

  @TempDir static Path dir;
  static FakeProvider fake;
  static TestServer server;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    fake = FakeProvider.start(0);
    fake.setTokenDelay(Duration.ofMillis(20)); // calls overlap, as a prober's parallel calls did
    Map<String, List<String>> routes = new LinkedHashMap<>();
    routes.put("default", List.of("a/ok"));
    routes.put("small", List.of("small/ok"));
    Map<String, String> env = new LinkedHashMap<>(Upstream.env(fake, dir, routes));
    env.put("SOCRA_USER_DAILY_USD", CAP.toPlainString());
    env.put("SOCRA_USER_RPM", "100000");
    server = TestServer.start(env);
  }

  @AfterAll
  static void stop() {
    server.close();
    fake.close();
  }

  @Test
  void parallelCallsCannotPassTheDailyCapByMoreThanOneAttemptsHold() throws Exception {
    String token = server.userWithToken("cap-ada");
    String body = completion("default", false, "Who pays for the first pilot?");
    long untilMidnightBefore = server.bean(LlmSpend.class).secondsUntilTomorrow();
    List<HttpResponse<String>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<HttpResponse<String>>> sent = new ArrayList<>();
      for (int i = 0; i < 110; i++) {
        sent.add(pool.submit(() -> post(body, token)));
      }
      for (Future<HttpResponse<String>> f : sent) {
        answers.add(f.get());
      }
    }
    long ok = answers.stream().filter(r -> r.statusCode() == 200).count();
    List<HttpResponse<String>> refused =
        answers.stream().filter(r -> r.statusCode() == 429).toList();
    assertThat(ok + refused.size()).as("every call is answered or refused").isEqualTo(110);
    assertThat(ok).isPositive();
    assertThat(refused).isNotEmpty();

    long untilMidnight = server.bean(LlmSpend.class).secondsUntilTomorrow();
    for (HttpResponse<String> r : refused) {
      JsonNode error = JSON.readTree(r.body()).path("error");
      assertThat(error.path("type").asText()).isEqualTo("insufficient_quota");
      assertThat(error.path("message").asText())
          .startsWith("daily LLM spend cap of $0.001 reached; resets at 00:00 UTC");
      assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow()))
          .as("the reset time")
          .isBetween(untilMidnight, untilMidnightBefore);
    }

    // The bound of docs/security.md: the cap plus the most one attempt can cost.
    ChatRequest sent = ChatRequest.of("Who pays for the first pilot?").withMaxTokens(MAX_TOKENS);
    BigDecimal oneHold =
        BigDecimal.valueOf(SpendCeiling.inputTokens(sent, null))
            .multiply(new BigDecimal("0.000001"))
            .add(BigDecimal.valueOf(MAX_TOKENS).multiply(new BigDecimal("0.000002")));
    BigDecimal spent = server.bean(AttemptLedger.class).spentToday(id("cap-ada"));
    assertThat(spent).isLessThanOrEqualTo(CAP.add(oneHold));
    assertThat(spent)
        .as("the cap was used, not refused early")
        .isGreaterThan(CAP.subtract(oneHold));
  }

  @Test
  void aProviderBudgetThatHasRunOutIsA429WithRetryAfter() throws Exception {
    String token = server.userWithToken("budget-bob");
    // 100 tokens a minute: the first call books about 70 of them, the second would wait for the
    // rest longer than the call's 10 s deadline.
    String body =
        completion("small", false, "Who pays?").replace("\"max_tokens\":50", "\"max_tokens\":60");
    assertThat(post(body, token).statusCode()).isEqualTo(200);
    for (boolean stream : new boolean[] {false, true}) {
      HttpResponse<String> r =
          post(body.replace("\"stream\":false", "\"stream\":" + stream), token);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
      assertThat(JSON.readTree(r.body()).path("error").path("type").asText())
          .isEqualTo("rate_limit_error");
      assertThat(r.headers().firstValue("Retry-After"))
          .as("when the budget has room again")
          .hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(1L, 60L));
    }
  }

  @Test
  void aStreamItsClientWalksAwayFromIsRecordedAsAbandonedNotOk() throws Exception {
    String token = server.userWithToken("gone-cy");
    fake.scriptWhen("ok", "Write at length", List.of("word ".repeat(400).strip()));
    String body =
        """
        {"model":"default","stream":true,"max_tokens":400,"messages":[
          {"role":"system","content":"Write at length"},
          {"role":"user","content":"Tell me everything"}]}
        """;
    HttpResponse<InputStream> r =
        http.send(request(body, token), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      int events = 0;
      for (String line; events < 4 && (line = in.readLine()) != null; ) {
        if (line.startsWith("data: ")) {
          events++;
        }
      }
    } // hangs up after four events of a 400-token answer

    String user = id("gone-cy");
    JdbcClient db = server.bean(JdbcClient.class);
    Map<String, Object> row = null;
    for (int i = 0; i < 300 && row == null; i++) { // the server notices at its next write
      server.bean(dev.socra.server.observe.LedgerWriter.class).flush();
      row =
          db
              .sql("SELECT outcome, output_tokens, cost_usd FROM llm_attempts WHERE user_id = ?")
              .param(user)
              .query()
              .listOfRows()
              .stream()
              .findFirst()
              .orElse(null);
      if (row == null) {
        Thread.sleep(100);
      }
    }
    assertThat(row).as("a ledger row for the abandoned stream").isNotNull();
    assertThat(row.get("outcome")).isEqualTo("abandoned");
    assertThat(((Number) row.get("output_tokens")).intValue()).isBetween(1, 399);
    assertThat((BigDecimal) row.get("cost_usd")).isPositive();

    String metrics =
        Http.as(server.baseUrl(), server.adminToken()).get("/actuator/prometheus").body();
    assertThat(metrics).containsPattern("socra_llm_attempts_total\\{[^}]*outcome=\"abandoned\"");
    assertThat(metrics).containsPattern("socra_llm_calls_total\\{[^}]*result=\"caller_aborted\"");
    assertThat(metrics).contains("socra_streams_total{outcome=\"abandoned\",stream=\"gateway\"}");
  }

  @Test
  void anthropicsMessagesApiIsLedgeredAndCappedLikeChatCompletions() throws Exception {
    String token = server.userWithToken("cap-messages-dee");
    String body =
        """
        {"model":"default","max_tokens":%d,"messages":[{"role":"user","content":"Who pays?"}]}
        """
            .formatted(MAX_TOKENS);
    HttpResponse<String> last = null;
    int answered = 0;
    fake.setTokenDelay(Duration.ZERO); // one call after another: nothing to overlap
    for (int i = 0; i < 500; i++) {
      last =
          http.send(
              HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/messages"))
                  .header("Content-Type", "application/json")
                  .header("x-api-key", token)
                  .header("anthropic-version", "2023-06-01")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (last.statusCode() != 200) {
        break;
      }
      answered++;
    }
    fake.setTokenDelay(Duration.ofMillis(20));
    assertThat(answered).as("calls answered before the cap").isPositive();
    assertThat(last.statusCode()).as(last.body()).isEqualTo(429);
    JsonNode refusal = JSON.readTree(last.body());
    assertThat(refusal.path("type").asText()).isEqualTo("error");
    assertThat(refusal.path("error").path("type").asText()).isEqualTo("rate_limit_error");
    assertThat(refusal.path("error").path("message").asText()).contains("spend");
    assertThat(last.headers().firstValue("Retry-After")).isPresent();

    // each answered call is the user's, in the ledger, as a chat completion's would be
    server.bean(dev.socra.server.observe.LedgerWriter.class).flush();
    long rows =
        server
            .bean(JdbcClient.class)
            .sql("SELECT count(*) FROM llm_attempts WHERE user_id = ? AND outcome = 'ok'")
            .param(id("cap-messages-dee"))
            .query(Long.class)
            .single();
    assertThat(rows).isEqualTo(answered);
    assertThat(server.bean(AttemptLedger.class).spentToday(id("cap-messages-dee"))).isPositive();
  }

  static String completion(String model, boolean stream, String prompt) {
    return """
        {"model":"%s","stream":%s,"max_tokens":%d,"messages":[{"role":"user","content":"%s"}]}
        """
        .formatted(model, stream, MAX_TOKENS, prompt);
  }

  static HttpRequest request(String body, String token) {
    return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/chat/completions"))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  static HttpResponse<String> post(String body, String token) throws Exception {
    return http.send(request(body, token), HttpResponse.BodyHandlers.ofString());
  }

  static String id(String name) {
    return server.bean(Users.class).byName(name).orElseThrow().id();
  }
}
