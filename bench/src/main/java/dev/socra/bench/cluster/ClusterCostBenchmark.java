package dev.socra.bench.cluster;

import dev.socra.llm.ChatRequest;
import dev.socra.llm.Router;
import dev.socra.llm.config.ConfigLoader;
import dev.socra.llm.testkit.FakeProvider;
import dev.socra.server.ServerSettings;
import dev.socra.server.cluster.EventStreams;
import dev.socra.server.cluster.Redis;
import dev.socra.server.cluster.RedisBudgetStore;
import dev.socra.server.cluster.RedisTargetState;
import dev.socra.server.cluster.SharedSpend;
import dev.socra.server.live.EventLog;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What sharing state through Redis costs, against one server alone, in one run: per routed call
 * (the router's budget admission, settlement and cool-down check in Redis instead of memory; and,
 * separately, the daily cap's spend hold and settlement) and per relayed token (a question's tokens
 * from the server running it to a founder following it on another server, through a Redis Stream,
 * batched every 3 ms or sent one by one, against a reader on the same server).
 *
 * <p>CPU is the whole process's (the fake provider, the callers and the readers included: the same
 * on both sides, so the difference is what Redis adds on the server's side), plus redis-server's
 * own, from /proc. Usage: {@code bench/cluster.sh [calls] [streams] [tokens]}.
 */
public final class ClusterCostBenchmark {
  private ClusterCostBenchmark() {}

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int streams = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int tokens = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    Path dir = Files.createTempDirectory("socra-cluster-bench");
    int port = freePort();
    Process redisServer =
        new ProcessBuilder(
                "/usr/bin/redis-server",
                "--port",
                String.valueOf(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    try (FakeProvider fake = FakeProvider.start(0)) {
      Thread.sleep(500);
      Redis redis =
          new Redis(ServerSettings.from(Map.of("SOCRA_REDIS_URL", "redis://127.0.0.1:" + port)));
      Map<String, String> env = config(dir, fake);
      System.out.println("| measure | one server (memory) | with Redis | Redis adds |");
      System.out.println("|---|--:|--:|--:|");

      Router local = Router.builder(ConfigLoader.load(env)).build();
      Router shared =
          Router.builder(ConfigLoader.load(env))
              .budgetStore(new RedisBudgetStore(redis))
              .sharedCoolDowns(new RedisTargetState(redis))
              .build();
      calls(local, calls / 5); // warm-up
      calls(shared, calls / 5);
      Cost a = calls(local, calls);
      Cost b = calls(shared, calls, redisServer.pid());
      row("routed call: wall µs (one caller)", a.wallMicros(), b.wallMicros());
      row("routed call: CPU µs, Socra's JVM", a.cpuMicros(), b.cpuMicros());
      row("routed call: CPU µs, redis-server", 0, b.redisMicros());

      SharedSpend spend = new SharedSpend(redis);
      holds(spend, calls / 5, redisServer.pid());
      Cost h = holds(spend, calls, redisServer.pid());
      row("spend hold + settle: wall µs", 0, h.wallMicros());
      row("spend hold + settle: CPU µs, Socra's JVM", 0, h.cpuMicros());

      relay(null, redis, streams / 4, tokens / 4, redisServer.pid()); // warm-up
      relay(EventStreams.BATCH, redis, streams / 4, tokens / 4, redisServer.pid());
      Relay mem = relay(null, redis, streams, tokens, redisServer.pid());
      Relay batched = relay(EventStreams.BATCH, redis, streams, tokens, redisServer.pid());
      Relay single = relay(Duration.ZERO, redis, streams, tokens, redisServer.pid());
      row("relayed token, batched 3 ms: CPU µs, Socra's JVM", mem.cpuPerToken, batched.cpuPerToken);
      row("relayed token, batched 3 ms: CPU µs, redis-server", 0, batched.redisPerToken);
      row("relayed token, batched 3 ms: latency p50 ms", mem.p50, batched.p50);
      row("relayed token, batched 3 ms: latency p99 ms", mem.p99, batched.p99);
      row("relayed token, one by one: CPU µs, Socra's JVM", mem.cpuPerToken, single.cpuPerToken);
      row("relayed token, one by one: CPU µs, redis-server", 0, single.redisPerToken);
      row("relayed token, one by one: latency p50 ms", mem.p50, single.p50);
      row("relayed token, one by one: latency p99 ms", mem.p99, single.p99);
      System.out.printf(
          "%n%d calls on one thread; %d streams of %d tokens at 20 ms a token, at once%n",
          calls, streams, tokens);
      local.close();
      shared.close();
      redis.close();
    } finally {
      redisServer.destroyForcibly();
    }
  }

  record Cost(double wallMicros, double cpuMicros, double redisMicros) {}

  private static Cost calls(Router router, int n) {
    return calls(router, n, -1);
  }

  private static Cost calls(Router router, int n, long redisPid) {
    ChatRequest request = ChatRequest.of("Name three bakeries in Lisbon.").withMaxTokens(50);
    long cpu0 = cpu();
    long r0 = redisPid > 0 ? cpuOf(redisPid) : 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      router.complete(request);
    }
    long wall = System.nanoTime() - t0;
    return new Cost(
        wall / 1e3 / n,
        (cpu() - cpu0) / 1e3 / n,
        redisPid > 0 ? (cpuOf(redisPid) - r0) / 1e3 / n : 0);
  }

  private static Cost holds(SharedSpend spend, int n, long redisPid) {
    long cpu0 = cpu();
    long r0 = cpuOf(redisPid);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      SharedSpend.Outcome o =
          spend.hold(
              "bench-user",
              new BigDecimal("1000000"),
              new BigDecimal("0.002"),
              () -> BigDecimal.ZERO);
      if (o instanceof SharedSpend.Outcome.Held held) {
        spend.settle("bench-user", held.id(), new BigDecimal("0.001"));
      }
    }
    long wall = System.nanoTime() - t0;
    return new Cost(wall / 1e3 / n, (cpu() - cpu0) / 1e3 / n, (cpuOf(redisPid) - r0) / 1e3 / n);
  }

  record Relay(double cpuPerToken, double redisPerToken, double p50, double p99) {}

  /**
   * {@code streams} questions of {@code tokens} tokens each, written at 20 ms a token at once; each
   * read by one reader: on the same server ({@code batch} null: the owner's log itself) or on
   * another (the owner's log sent through Redis with {@code batch}, followed into a log of its
   * own).
   */
  private static Relay relay(Duration batch, Redis redis, int streams, int tokens, long redisPid)
      throws InterruptedException {
    EventStreams relay = batch == null ? null : new EventStreams(redis, batch);
    long[] latencies = new long[streams * tokens];
    AtomicLong seen = new AtomicLong();
    CountDownLatch done = new CountDownLatch(streams);
    String run = Long.toHexString(System.nanoTime());
    long cpu0 = cpu();
    long r0 = cpuOf(redisPid);
    List<Thread> threads = new ArrayList<>();
    for (int s = 0; s < streams; s++) {
      String key = "bench/" + run + "/" + s;
      EventLog owner = new EventLog();
      EventLog reader = batch == null ? owner : new EventLog();
      if (relay != null) {
        relay.own(key, 1, owner);
      }
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      for (int t = 0; t < tokens; t++) {
                        owner.append("token", "{\"text\":\"word" + t + " \"}");
                        Thread.sleep(20);
                      }
                    } catch (InterruptedException e) {
                      return;
                    }
                    owner.close();
                  }));
      if (relay != null) {
        threads.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      while (relay.follow(key, reader, Duration.ofSeconds(1))
                          != EventStreams.Look.CLOSED) {
                        // each look copies what came
                      }
                      reader.close();
                    }));
      }
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    long last = 0;
                    try {
                      while (true) {
                        EventLog.Batch b = reader.after(last, Duration.ofSeconds(5));
                        long now = System.nanoTime();
                        for (EventLog.Event e : b.events()) {
                          latencies[(int) seen.getAndIncrement()] = now - owner.appendedAt(e.id());
                          last = e.id();
                        }
                        if (b.closed() && b.events().isEmpty()) {
                          break;
                        }
                      }
                    } catch (InterruptedException e) {
                      return;
                    } finally {
                      done.countDown();
                    }
                  }));
    }
    done.await();
    long cpu = cpu() - cpu0;
    long redisCpu = cpuOf(redisPid) - r0;
    for (Thread t : threads) {
      t.join();
    }
    int n = (int) seen.get();
    long[] l = Arrays.copyOf(latencies, n);
    Arrays.sort(l);
    return new Relay(
        cpu / 1e3 / n, redisCpu / 1e3 / n, l[n / 2] / 1e6, l[Math.min(n - 1, n * 99 / 100)] / 1e6);
  }

  private static void row(String what, double alone, double withRedis) {
    System.out.printf(
        "| %s | %s | %s | %s |%n", what, fmt(alone), fmt(withRedis), fmt(withRedis - alone));
  }

  private static String fmt(double v) {
    return v >= 100 ? String.format("%.0f", v) : String.format("%.2f", v);
  }

  private static Map<String, String> config(Path dir, FakeProvider fake) throws IOException {
    Path file = dir.resolve("socra.yaml");
    Files.writeString(
        file,
        """
        providers:
          fake:
            protocol: openai
            base_url: %s
            key_env: FAKE_BENCH_KEY
            model: ok
            context_window: 32000
            price: { input: 1.0, output: 2.0, as_of: 2026-11-01, source: bench }
            limits: { rpm: 100000000, tpm: 1000000000 }
        routes:
          default: [fake/ok]
        """
            .formatted(fake.openAiBaseUrl()));
    return Map.of(
        "SOCRA_CONFIG", file.toString(), "FAKE_BENCH_KEY", "test-key-socra-bench-cluster-9Kd2");
  }

  /** This process's CPU time in ns (all threads). */
  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Another process's CPU time in ns, from /proc/PID/stat (clock ticks of 10 ms). */
  private static long cpuOf(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
