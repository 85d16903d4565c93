package dev.socra.server.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socra.llm.testkit.FakeProvider;
import dev.socra.llm.testkit.RateLimits;
import dev.socra.llm.testkit.SeenRequest;
import dev.socra.server.testing.Postgres;
import dev.socra.server.testing.RedisServer;
import dev.socra.server.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two {@code socra serve} processes on one PostgreSQL and one Redis, and a round-robin client in
 * front of them, as a load balancer would be: one provider key is one budget, a revoked token is
 * refused everywhere at once, a stream can be rejoined on the other server, and an outage of Redis
 * stops new LLM calls with 503 and loses nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServersBehindOneAddressTest {
  /** The seed's free tier: 6,000 tokens a minute on one key. */
  static final int TPM = 6_000;

  static RedisServer redis;
  static FakeProvider fake;
  static ServerProcess first;
  static ServerProcess second;
  static RoundRobin balancer;

  @BeforeAll
  static void startServers() throws Exception {
    redis = RedisServer.launch();
    fake = FakeProvider.builder().limits(new RateLimits(TPM, 1_000, 1_000_000)).start();
    Path dir = Files.createTempDirectory("socra-servers");
    Path config = dir.resolve("socra.yaml");
    Files.writeString(
        config,
        """
        providers:
          fake:
            protocol: openai
            base_url: %s
            key_env: FAKE_TEST_KEY
            model: ok
            context_window: 32000
            price: { input: 1.0, output: 2.0, as_of: 2026-11-01, source: test }
            limits: { tpm: %d }
        routes:
          default: [stub/socra-demo]
          burst: [fake/ok]
        timeouts: { deadline: 120s, response: 30s }
        stub:
          token_delay: 15ms
        """
            .formatted(fake.openAiBaseUrl(), TPM));
    Postgres pg = Postgres.get();
    Map<String, String> env = new HashMap<>();
    env.put("SOCRA_DB_URL", pg.jdbcUrl(pg.createDatabase()));
    env.put("SOCRA_DB_USER", pg.user());
    env.put("SOCRA_DB_PASSWORD", pg.password());
    env.put("SOCRA_REDIS_URL", redis.url());
    env.put("SOCRA_CONFIG", config.toString());
    env.put("FAKE_TEST_KEY", "test-key-socra-cluster-4Hq8Zr2Lw");
    env.put("SOCRA_USER_RPM", "10000");
    first = ServerProcess.start(dir, env, "ada");
    second = ServerProcess.start(dir, env, null);
    balancer = new RoundRobin(List.of(first.baseUrl(), second.baseUrl()), first.token());
  }

  @AfterAll
  static void stopServers() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {first, second, fake, redis}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Test
  @Order(1)
  void aRevokedTokenIsRefusedByTheOtherServerAtOnce() {
    ApiClient onFirst = new ApiClient(first.baseUrl(), first.token());
    String token =
        onFirst.post("/api/tokens", Map.of("label", "laptop")).json().get("token").asText();
    ApiClient laptopOnSecond = new ApiClient(second.baseUrl(), token);
    assertThat(laptopOnSecond.get("/api/me").status()).isEqualTo(200); // now remembered there
    String id = null;
    for (JsonNode t : onFirst.get("/api/tokens").json()) {
      if (t.get("label").asText().equals("laptop")) {
        id = t.get("id").asText();
      }
    }
    assertThat(onFirst.delete("/api/tokens/" + id).status()).isEqualTo(204);

    assertThat(laptopOnSecond.get("/api/me").status()).isEqualTo(401);
    assertThat(new ApiClient(first.baseUrl(), token).get("/api/me").status()).isEqualTo(401);
  }

  @Test
  @Order(2)
  void aFounderWhoReconnectsToTheOtherServerMidQuestionGetsExactlyTheRemainingEvents() {
    ApiClient onFirst = new ApiClient(first.baseUrl(), first.token());
    ApiClient onSecond = new ApiClient(second.baseUrl(), first.token());
    String id =
        onFirst
            .post("/api/sessions", Map.of("idea", SessionsApiTest.IDEA))
            .json()
            .get("id")
            .asText();
    String path = "/api/sessions/" + id + "/turns/1/events";

    // A few tokens on the first server, then the connection drops (a phone changing network).
    List<ApiClient.Event> before = onFirst.events("GET", path, null, null, 5);
    assertThat(before).hasSize(5).allMatch(e -> e.name().equals("token"));
    String lastSeen = before.getLast().id();

    // The load balancer sends the reconnect to the other server.
    List<ApiClient.Event> after = onSecond.events("GET", path, null, lastSeen);
    assertThat(after.getFirst().id()).isEqualTo(String.valueOf(Long.parseLong(lastSeen) + 1));
    assertThat(after.getLast().name()).isEqualTo("turn");

    // Exactly the stream a founder who never dropped saw, wherever it is read: nothing lost,
    // nothing
    // twice, the same ids.
    List<ApiClient.Event> whole = onSecond.events("GET", path, null, null);
    List<ApiClient.Event> joined = new ArrayList<>(before);
    joined.addAll(after);
    assertThat(joined).isEqualTo(whole);
    assertThat(onFirst.events("GET", path, null, null)).isEqualTo(whole);
    for (int i = 0; i < whole.size(); i++) {
      assertThat(whole.get(i).id()).isEqualTo(String.valueOf(i + 1));
    }
  }

  @Test
  @Order(3)
  void aBurstOfSpecialistsFromBothServersGetsNoRateLimitFromTheSharedKeyEvenWhenRedisStopsMidRun()
      throws Exception {
    ApiClient onFirst = new ApiClient(first.baseUrl(), first.token());
    String kept =
        onFirst
            .post("/api/sessions", Map.of("idea", SessionsApiTest.IDEA))
            .json()
            .get("id")
            .asText();
    onFirst.events("GET", "/api/sessions/" + kept + "/turns/1/events", null, null);
    fake.clearAttempts();

    // Ten specialists of ~700 tokens each (7,000 tokens, more than the key's minute), sent to
    // both servers at once. Each server alone would send all of its 3,500 at once; together that
    // is 1,000 tokens past the key's limit: the 429s of the seed. (Only the excess waits for the
    // minute to refill, so it is kept small: a real minute is what the servers measure.)
    int calls = 10;
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    List<Future<Integer>> results = new ArrayList<>();
    AtomicInteger unavailable = new AtomicInteger();
    for (int i = 0; i < calls; i++) {
      int n = i;
      results.add(pool.submit((Callable<Integer>) () -> specialist(n, unavailable)));
    }
    // Mid-run, while calls wait for the key's minute to refill, Redis goes away for a while.
    fake.awaitAttempts(6, java.time.Duration.ofSeconds(60));
    redis.stop();
    ApiClient.Response refused = balancer.next().post("/v1/chat/completions", request(99));
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.body()).contains("out of reach");
    // Sessions are read from PostgreSQL meanwhile: nothing stored is lost. An answer, which would
    // start the next question's calls, is refused with a Retry-After and not stored.
    assertThat(balancer.next().get("/api/sessions/" + kept).status()).isEqualTo(200);
    ApiClient.Response answerRefused =
        balancer
            .next()
            .post("/api/sessions/" + kept + "/answers", Map.of("answer", "Tuners", "question", 1));
    assertThat(answerRefused.status()).isEqualTo(503);
    assertThat(answerRefused.body()).contains("out of reach").contains("nothing stored was lost");
    Thread.sleep(3_000);
    redis.start();

    for (Future<Integer> r : results) {
      assertThat(r.get()).isEqualTo(200);
    }
    pool.shutdown();
    List<SeenRequest> seen = fake.attempts();
    assertThat(seen).noneMatch(a -> a.status() == 429);
    assertThat(seen.stream().filter(a -> a.status() == 200).count()).isGreaterThanOrEqualTo(calls);
    // Back: the same answer goes through, on whichever server, and the next question comes.
    List<ApiClient.Event> next =
        balancer
            .next()
            .events(
                "POST",
                "/api/sessions/" + kept + "/answers",
                Map.of("answer", "Tuners", "question", 1),
                null);
    assertThat(next.getLast().name()).as(next.getLast().data()).isEqualTo("turn");
    JsonNode session = balancer.next().get("/api/sessions/" + kept).json();
    assertThat(session.get("turns")).hasSize(2);
    assertThat(session.at("/turns/0/answer").asText()).isEqualTo("Tuners");

    // Each server's health shows the shared state to the admin (ada, the first user): Redis back,
    // both servers, the key's budget.
    for (ServerProcess server : List.of(first, second)) {
      JsonNode cluster =
          new ApiClient(server.baseUrl(), first.token())
              .get("/actuator/health")
              .json()
              .at("/components/cluster/details");
      assertThat(cluster.get("redis").asText()).isEqualTo("up");
      assertThat(cluster.get("servers").asInt()).isEqualTo(2);
      assertThat(cluster.at("/budgets/fake~1ok/tpm").asLong()).isBetween(0L, (long) TPM);
    }
  }

  /**
   * One specialist's call through whichever server is next; a 503 while Redis is away is retried
   * after its Retry-After, as a client would. Returns the final status.
   */
  private static int specialist(int n, AtomicInteger unavailable) throws InterruptedException {
    for (int tries = 0; tries < 30; tries++) {
      ApiClient.Response r = balancer.next().post("/v1/chat/completions", request(n));
      if (r.status() != 503) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.status();
      }
      unavailable.incrementAndGet();
      Thread.sleep(1_000);
    }
    return 503;
  }

  private static Map<String, Object> request(int n) {
    String brief = ("specialist " + n + " market customer ").repeat(100).strip();
    return Map.of(
        "model",
        "burst",
        "max_tokens",
        300,
        "messages",
        List.of(Map.of("role", "user", "content", brief)));
  }

  /** The load balancer: each request to the next server in turn. */
  static final class RoundRobin {
    private final List<ApiClient> servers = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    RoundRobin(List<String> bases, String token) {
      bases.forEach(b -> servers.add(new ApiClient(b, token)));
    }

    ApiClient next() {
      return servers.get(Math.floorMod(next.getAndIncrement(), servers.size()));
    }
  }
}
