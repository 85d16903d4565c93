package dev.socra.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.core.Socra;
import dev.socra.core.session.Session;
import dev.socra.llm.Attempt;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.Router;
import dev.socra.llm.Usage;
import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.outcome.Outcome;
import dev.socra.llm.route.TargetId;
import dev.socra.llm.testkit.FakeProvider;
import dev.socra.server.account.SocraUser;
import dev.socra.server.account.Users;
import dev.socra.server.testing.TestServer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The attempt ledger on a real server: rows written by the router's own events, read back by {@link
 * AttemptLedger}. The default route is the demo stub (free); route {@code paid} is a fake provider
 * priced at $1 / $2 per million tokens, so sums of money can be checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LedgerContract {
  final FakeProvider fake = FakeProvider.start(0);
  final TestServer server;

  LedgerContract(Function<Map<String, String>, TestServer> start) {
    fake.setBehaviour("flaky", "status=503");
    fake.setBehaviour("rejected", "status=401");
    try {
      Path dir = Files.createTempDirectory("socra-ledger-test");
      server =
          start.apply(
              FakeConfig.write(
                  dir,
                  fake,
                  """
                  default: [stub/socra-demo]
                  paid: [fake/flaky, fake/ok]
                  rejecting: [fake/rejected, fake/ok]
                  """,
                  ""));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  abstract String database();

  @AfterAll
  void stop() {
    server.close();
    fake.close();
  }

  SocraUser user(String name) {
    return server.bean(Users.class).create(name, "correct horse battery staple");
  }

  /** The database, with every row the ledger writer has queued written. */
  JdbcClient db() {
    server.bean(LedgerWriter.class).flush();
    return server.bean(JdbcClient.class);
  }

  ChatResponse call(String route, String userId) {
    return server
        .bean(Router.class)
        .complete(
            ChatRequest.of("Who pays first?")
                .withMaxTokens(60)
                .withRoute(route)
                .withTag(ChatRequest.TAG_USER, userId)
                .withTag(ChatRequest.TAG_STAGE, "gateway"));
  }

  @Test
  void aDemoSessionsCallsAreWrittenWithItsUserSessionAndStage() {
    SocraUser ada = user("ledger-ada");
    Socra socra = server.bean(Socra.class);
    Session s =
        socra.start(ada.id(), "A marketplace for used lab equipment between universities", 7);
    s = socra.ask(s, t -> {});

    List<Map<String, Object>> rows =
        db().sql(
                "SELECT user_id, stage, route, target, model, outcome, attempt, http_status,"
                    + " cost_usd, latency_ms, call_id FROM llm_attempts WHERE session_id = ?")
            .param(s.id())
            .query()
            .listOfRows();
    assertThat(rows).isNotEmpty();
    int calls = s.usage().values().stream().mapToInt(u -> u.calls()).sum();
    assertThat(rows).hasSize(calls);
    for (Map<String, Object> r : rows) {
      assertThat(value(r, "user_id")).isEqualTo(ada.id());
      assertThat((String) value(r, "stage")).isNotBlank();
      assertThat(value(r, "route")).isEqualTo("default");
      assertThat(value(r, "target")).isEqualTo("stub/socra-demo");
      assertThat(value(r, "model")).isEqualTo("socra-demo");
      assertThat(value(r, "outcome")).isEqualTo("ok");
      assertThat(((Number) value(r, "attempt")).intValue()).isEqualTo(1);
      assertThat((BigDecimal) value(r, "cost_usd")).isZero();
    }
    assertThat(rows.stream().map(r -> value(r, "stage")).distinct().toList())
        .containsExactlyInAnyOrderElementsOf(
            s.usage().keySet().stream().map(st -> st.id()).toList());
    assertThat(server.bean(AttemptLedger.class).spentToday(ada.id())).isZero();
  }

  @Test
  void spendIsSummedPerUtcDayAndPerTarget() {
    SocraUser grace = user("ledger-grace");
    SocraUser other = user("ledger-other");
    BigDecimal spent = BigDecimal.ZERO;
    long input = 0;
    long output = 0;
    for (int i = 0; i < 3; i++) {
      ChatResponse r = call("paid", grace.id()); // fake/flaky 503, then fake/ok
      spent = spent.add(r.cost());
      input += r.usage().inputTokens();
      output += r.usage().outputTokens();
    }
    call("paid", other.id());
    // Yesterday's spend counts in the totals, not in today's.
    db().sql(
            "INSERT INTO llm_attempts (at, user_id, route, call_id, attempt, target, model,"
                + " outcome, http_status, input_tokens, output_tokens, estimated, cost_usd,"
                + " latency_ms) VALUES (?, ?, 'paid', 0, 1, 'fake/ok', 'ok', 'ok', 200, 1000,"
                + " 1000, FALSE, 1.5, 100)")
        .params(
            OffsetDateTime.now(ZoneOffset.UTC)
                .toLocalDate()
                .atStartOfDay()
                .minusSeconds(1)
                .atOffset(ZoneOffset.UTC),
            grace.id())
        .update();

    AttemptLedger ledger = server.bean(AttemptLedger.class);
    assertThat(spent).isPositive();
    assertThat(ledger.spentToday(grace.id())).isEqualByComparingTo(spent);
    assertThat(ledger.spentToday(other.id())).isPositive().isLessThan(spent);
    assertThat(ledger.spentToday("nobody")).isZero();

    List<AttemptLedger.TargetUsage> totals = ledger.perProvider(grace.id());
    assertThat(totals)
        .extracting(AttemptLedger.TargetUsage::target)
        .containsExactly("fake/ok", "fake/flaky");
    AttemptLedger.TargetUsage ok = totals.get(0);
    assertThat(ok.attempts()).isEqualTo(4);
    assertThat(ok.inputTokens()).isEqualTo(input + 1000);
    assertThat(ok.outputTokens()).isEqualTo(output + 1000);
    assertThat(ok.costUsd()).isEqualByComparingTo(spent.add(new BigDecimal("1.5")));
    AttemptLedger.TargetUsage flaky = totals.get(1);
    assertThat(flaky.attempts()).isEqualTo(3);
    assertThat(flaky.tokens()).isZero();
    assertThat(flaky.costUsd()).isZero();
    assertThat(
            ledger.perProvider(
                grace.id(),
                OffsetDateTime.now(ZoneOffset.UTC)
                    .toLocalDate()
                    .atStartOfDay()
                    .atOffset(ZoneOffset.UTC)))
        .extracting(AttemptLedger.TargetUsage::attempts)
        .containsExactly(3L, 3L);
  }

  @Test
  void skippedTargetsAreNotBilledRows() {
    SocraUser lin = user("ledger-lin");
    call("rejecting", lin.id()); // fake/rejected 401, disabled; fake/ok answers
    call("rejecting", lin.id()); // fake/rejected skipped
    List<String> outcomes =
        db().sql(
                "SELECT target || ' ' || outcome FROM llm_attempts WHERE user_id = ?"
                    + " ORDER BY call_id, attempt")
            .param(lin.id())
            .query(String.class)
            .list();
    assertThat(outcomes).containsExactly("fake/rejected auth", "fake/ok ok", "fake/ok ok");
  }

  /**
   * Rows recorded far faster than one insert each are batched and all written. What a row costs the
   * call is printed, not asserted: a bound on wall time would fail on a loaded machine, and
   * docs/benchmarks.md measures it properly.
   */
  @Test
  void aBurstOfRowsFasterThanTheWriterIsWrittenInFull() {
    LedgerWriter writer = server.bean(LedgerWriter.class);
    Map<String, String> tags =
        Map.of(ChatRequest.TAG_USER, "bench", ChatRequest.TAG_SESSION, "s", "stage", "gateway");
    Attempt a =
        new Attempt(
            1,
            new TargetId("fake", "ok"),
            new Outcome.Success("stop"),
            200,
            Instant.now(),
            Duration.ofMillis(800),
            Duration.ofMillis(200),
            new Usage(2400, 500, false),
            new BigDecimal("0.00340000"),
            false);
    RouterEvent.AttemptFinished event = new RouterEvent.AttemptFinished(1, "default", a, tags);
    for (int i = 0; i < 200; i++) {
      writer.onEvent(event); // warm-up: JIT, connection pool, statement cache
    }
    int n = 1000;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      writer.onEvent(event);
    }
    System.out.printf(
        "ledger row queued on %s: %.1f µs per row over %d rows%n",
        database(), (System.nanoTime() - start) / 1000.0 / n, n);
    assertThat(
            db().sql("SELECT COUNT(*) FROM llm_attempts WHERE user_id = 'bench'")
                .query(Long.class)
                .single())
        .isEqualTo(1200L);
  }

  private static Object value(Map<String, Object> row, String column) {
    for (var e : row.entrySet()) {
      if (e.getKey().equalsIgnoreCase(column)) {
        return e.getValue();
      }
    }
    throw new AssertionError("no column " + column + " in " + row.keySet());
  }
}
