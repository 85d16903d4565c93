package dev.socra.bench.streams;

import dev.socra.server.SocraServer;
import dev.socra.server.account.ApiTokens;
import dev.socra.server.account.SocraUser;
import dev.socra.server.account.Users;
import dev.socra.server.live.LiveRuns;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Concurrent streaming sessions against the server's stub, level after level in one run (one
 * server, one JVM), printing one markdown table: streams, tokens, relay latency from each token
 * event's append to its question's log (as the stub emits it) to the founder's receipt, memory,
 * threads and CPU (docs/benchmarks.md, "Streaming").
 *
 * <pre>
 *   --levels 100,1000,2000     concurrent founders, one level after another
 *   --hold 30                  seconds measured at each level, after its ramp
 *   --ramp-per-second 200      founders started per second
 *   --warmup 15                seconds of 100 founders first, not recorded (the JIT)
 *   --token-delay-ms 20        the stub's pace (stub.token_delay)
 *   --question-tokens 500      tokens per question (in lines of 25)
 *   --turns 3                  questions per session (the interview's maxTurns, 3 to 15)
 *   --founders-per-client 100  founders sharing one java.net.http.HttpClient
 *   --founders-per-user 10     founders sharing one account and API token
 * </pre>
 */
public final class StreamsBenchmark {
  private final Options o;
  private final List<String> tokens = new ArrayList<>();
  private final List<HttpClient> clients = new ArrayList<>();
  private URI base;
  private LiveRuns runs;

  private StreamsBenchmark(Options o) {
    this.o = o;
  }

  record Options(
      List<Integer> levels,
      int holdSeconds,
      int rampPerSecond,
      int warmupSeconds,
      int tokenDelayMs,
      int questionTokens,
      int turns,
      int foundersPerClient,
      int foundersPerUser) {

    static Options parse(String[] args) {
      Map<String, String> a = new HashMap<>();
      for (int i = 0; i < args.length; i++) {
        if (args[i].startsWith("--") && i + 1 < args.length) {
          a.put(args[i].substring(2), args[++i]);
        } else {
          throw new IllegalArgumentException("unknown argument: " + args[i]);
        }
      }
      Options o =
          new Options(
              Stream.of(a.getOrDefault("levels", "100,1000,2000").split(","))
                  .map(String::strip)
                  .map(Integer::parseInt)
                  .toList(),
              Integer.parseInt(a.getOrDefault("hold", "30")),
              Integer.parseInt(a.getOrDefault("ramp-per-second", "200")),
              Integer.parseInt(a.getOrDefault("warmup", "15")),
              Integer.parseInt(a.getOrDefault("token-delay-ms", "20")),
              Integer.parseInt(a.getOrDefault("question-tokens", "500")),
              Integer.parseInt(a.getOrDefault("turns", "3")),
              Integer.parseInt(a.getOrDefault("founders-per-client", "100")),
              Integer.parseInt(a.getOrDefault("founders-per-user", "10")));
      a.keySet()
          .removeAll(
              List.of(
                  "levels",
                  "hold",
                  "ramp-per-second",
                  "warmup",
                  "token-delay-ms",
                  "question-tokens",
                  "turns",
                  "founders-per-client",
                  "founders-per-user"));
      if (!a.isEmpty()) {
        throw new IllegalArgumentException("unknown options: " + a.keySet());
      }
      return o;
    }
  }

  /** One level's figures. */
  record Level(
      int founders,
      Meter meter,
      double windowSeconds,
      int openMin,
      double openMean,
      double processCpu,
      double machineCpu,
      long heapAfterGc,
      long rss,
      Map<ThreadCpu.Group, Integer> threads,
      int stragglers,
      Hiccups hiccups,
      Map<ThreadCpu.Group, Double> threadCpu) {}

  /** Memory and threads with no stream open. */
  record Idle(String when, long heapAfterGc, long rss, int threads) {}

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    new StreamsBenchmark(o).run();
  }

  private void run() throws Exception {
    Path dir = Files.createTempDirectory("socra-streams-");
    Path config = dir.resolve("socra.yaml");
    Files.writeString(config, "stub:\n  token_delay: " + o.tokenDelayMs() + "ms\n");
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "0");
    env.put("SOCRA_DATA_DIR", dir.toString());
    env.put("SOCRA_CONFIG", config.toString());
    // The per-user request limit is not what is measured here.
    env.put("SOCRA_USER_RPM", "1000000");
    List<Level> levels = new ArrayList<>();
    List<Idle> idle = new ArrayList<>();
    String started = java.time.ZonedDateTime.now().toString();
    try (SocraServer server = SocraServer.start(env, new MarkedQuestions(o.questionTokens()))) {
      runs = server.bean(LiveRuns.class);
      base = URI.create(server.baseUrl());
      int most = o.levels().stream().mapToInt(Integer::intValue).max().orElse(100);
      accounts(server, Math.max(most, 100));
      idle.add(new Idle("started", Probe.heapAfterGc(), Probe.rssBytes(), Probe.platformThreads()));
      if (o.warmupSeconds() > 0) {
        System.err.printf("streams: warming up, 100 founders for %d s%n", o.warmupSeconds());
        level(100, o.warmupSeconds());
      }
      idle.add(
          new Idle(
              "after warm-up", Probe.heapAfterGc(), Probe.rssBytes(), Probe.platformThreads()));
      for (int n : o.levels()) {
        System.err.printf("streams: %d founders, held %d s%n", n, o.holdSeconds());
        Level l = level(n, o.holdSeconds());
        levels.add(l);
        System.err.println(summary(l));
        Thread.sleep(2_000);
      }
      idle.add(
          new Idle("at the end", Probe.heapAfterGc(), Probe.rssBytes(), Probe.platformThreads()));
      // What the heap holds with no stream open: mostly the finished questions' event logs, which
      // the server keeps for ten minutes so that a late reconnection still gets every event.
      System.err.println("streams: the heap at the end\n" + Probe.classHistogram(12));
    } finally {
      clients.forEach(HttpClient::close);
      deleteQuietly(dir);
    }
    System.out.print(table(started, levels, idle));
  }

  private void accounts(SocraServer server, int founders) {
    Users users = server.bean(Users.class);
    ApiTokens apiTokens = server.bean(ApiTokens.class);
    int count = (founders + o.foundersPerUser() - 1) / o.foundersPerUser();
    for (int i = 0; i < count; i++) {
      SocraUser u = users.createWithoutPassword("streams-" + i);
      tokens.add(apiTokens.create(u.id(), "streams benchmark"));
    }
  }

  private HttpClient client(int founder) {
    int i = founder / o.foundersPerClient();
    while (clients.size() <= i) {
      clients.add(
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .build());
    }
    return clients.get(i);
  }

  /** Ramps up to {@code n} founders, measures {@code holdSeconds}, then lets them finish. */
  private Level level(int n, int holdSeconds) throws InterruptedException {
    Meter m = new Meter();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> founders = new ArrayList<>(n);
    long rampNanos = TimeUnit.SECONDS.toNanos(n) / Math.max(1, o.rampPerSecond());
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sleepUntil(start + rampNanos * i / n);
      Founder f =
          new Founder(
              i,
              client(i),
              base,
              tokens.get(i / o.foundersPerUser()),
              runs,
              o.questionTokens(),
              o.turns(),
              TimeUnit.MILLISECONDS.toNanos(o.tokenDelayMs()),
              m,
              stop::get);
      // Platform threads, so that the server's carriers run only the server (see ThreadCpu).
      founders.add(
          Thread.ofPlatform().name("founder-" + i).daemon().stackSize(256 * 1024).start(f));
    }
    // A second for the last founders' first questions to start streaming.
    Thread.sleep(1_000);
    Hiccups hiccups = new Hiccups();
    Map<ThreadCpu.Group, Double> threads0 = ThreadCpu.now();
    long cpu0 = Probe.processCpuNanos();
    long[] ticks0 = Probe.machineTicks();
    long t0 = System.nanoTime();
    m.openWindow(t0);
    long end = t0 + TimeUnit.SECONDS.toNanos(holdSeconds);
    int openMin = Integer.MAX_VALUE;
    long openSum = 0;
    int samples = 0;
    while (System.nanoTime() < end) {
      Thread.sleep(100);
      int open = m.open.get();
      openMin = Math.min(openMin, open);
      openSum += open;
      samples++;
    }
    long t1 = System.nanoTime();
    m.closeWindow(t1);
    hiccups.close();
    long cpu1 = Probe.processCpuNanos();
    Map<ThreadCpu.Group, Double> threadCpu = ThreadCpu.between(threads0, ThreadCpu.now());
    long[] ticks1 = Probe.machineTicks();
    Map<ThreadCpu.Group, Integer> threads = ThreadCpu.count();
    long rss = Probe.rssBytes();
    // With every stream still open; the collection's pause falls after the measured window.
    long heap = Probe.heapAfterGc();
    stop.set(true);
    long deadline =
        System.nanoTime()
            + TimeUnit.MILLISECONDS.toNanos((long) o.tokenDelayMs() * (o.questionTokens() + 2) * 3)
            + TimeUnit.SECONDS.toNanos(30);
    int stragglers = 0;
    for (Thread f : founders) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !f.join(Duration.ofNanos(left))) {
        stragglers++;
      }
    }
    double wall = (t1 - t0) / 1e9;
    long machineTotal = ticks1[1] - ticks0[1];
    return new Level(
        n,
        m,
        wall,
        samples == 0 ? 0 : openMin,
        samples == 0 ? 0 : (double) openSum / samples,
        (cpu1 - cpu0) / 1e9 / wall / Probe.cores(),
        machineTotal == 0 ? 0 : (double) (ticks1[0] - ticks0[0]) / machineTotal,
        heap,
        rss,
        threads,
        stragglers,
        hiccups,
        threadCpu);
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      Thread.sleep(Duration.ofNanos(left));
    }
  }

  private static String summary(Level l) {
    Histogram h = l.meter().relayMicros;
    return String.format(
        Locale.ROOT,
        "streams: %d founders: open min %d mean %.0f, %d questions completed, %d failed, relay p50"
            + " %s p99 %s max %s ms, CPU %.0f%%",
        l.founders(),
        l.openMin(),
        l.openMean(),
        l.meter().streamsCompleted.sum(),
        l.meter().streamsFailed.sum(),
        ms(h.getValueAtPercentile(50)),
        ms(h.getValueAtPercentile(99)),
        ms(h.getMaxValue()),
        l.processCpu() * 100);
  }

  private String table(String started, List<Level> levels, List<Idle> idle) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "Run started %s; %d cores seen by the JVM (%s %s); stub token delay %d ms; %d tokens"
                + " per question; %d questions per session; measured %d s per level after a"
                + " ramp of %d founders/s; warm-up %d s.%n%n",
            started,
            Probe.cores(),
            System.getProperty("java.vm.name"),
            System.getProperty("java.version"),
            o.tokenDelayMs(),
            o.questionTokens(),
            o.turns(),
            o.holdSeconds(),
            o.rampPerSecond(),
            o.warmupSeconds()));
    b.append("| |");
    levels.forEach(l -> b.append(String.format(Locale.ROOT, " %,d founders |", l.founders())));
    b.append("\n|---|");
    levels.forEach(l -> b.append("---|"));
    b.append('\n');
    row(
        b,
        "open streams in the window, min / mean",
        levels,
        l -> l.openMin() + " / " + fmt(l.openMean(), 0));
    row(b, "sessions started", levels, l -> String.format("%,d", l.meter().sessions.sum()));
    row(
        b,
        "questions streamed: completed / failed",
        levels,
        l ->
            String.format(
                "%,d / %,d", l.meter().streamsCompleted.sum(), l.meter().streamsFailed.sum()));
    row(
        b,
        "tokens received in the window",
        levels,
        l -> String.format(Locale.ROOT, "%,d", l.meter().tokensInWindow.sum()));
    row(
        b,
        "tokens per second: relayed / the stub's pace asks for",
        levels,
        l ->
            String.format(
                Locale.ROOT,
                "%,.0f / %,.0f",
                l.meter().tokensInWindow.sum() / l.windowSeconds(),
                l.founders() * 1000.0 / o.tokenDelayMs()));
    row(
        b,
        "relay latency p50 (ms)",
        levels,
        l -> ms(l.meter().relayMicros.getValueAtPercentile(50)));
    row(
        b,
        "relay latency p90 (ms)",
        levels,
        l -> ms(l.meter().relayMicros.getValueAtPercentile(90)));
    row(
        b,
        "relay latency p99 (ms)",
        levels,
        l -> ms(l.meter().relayMicros.getValueAtPercentile(99)));
    row(
        b,
        "relay latency p99.9 (ms)",
        levels,
        l -> ms(l.meter().relayMicros.getValueAtPercentile(99.9)));
    row(b, "relay latency max (ms)", levels, l -> ms(l.meter().relayMicros.getMaxValue()));
    row(
        b,
        "answer posted → first token, p50 / p99 (ms)",
        levels,
        l ->
            l.meter().firstTokenMicros.getTotalCount() == 0
                ? "none in the window"
                : ms(l.meter().firstTokenMicros.getValueAtPercentile(50))
                    + " / "
                    + ms(l.meter().firstTokenMicros.getValueAtPercentile(99)));
    row(
        b,
        "stub's own lateness per token, mean (ms)",
        levels,
        l ->
            l.meter().stubAnswers.sum() == 0
                ? "-"
                : fmt(l.meter().stubLatenessNanos.sum() / 1e6 / l.meter().stubAnswers.sum(), 2));
    row(
        b,
        "a 1 ms sleep's overshoot, platform thread p99 / max (ms)",
        levels,
        l ->
            ms(l.hiccups().platformMicros.getValueAtPercentile(99))
                + " / "
                + ms(l.hiccups().platformMicros.getMaxValue()));
    row(
        b,
        "a 1 ms sleep's overshoot, virtual thread p99 / max (ms)",
        levels,
        l ->
            ms(l.hiccups().virtualMicros.getValueAtPercentile(99))
                + " / "
                + ms(l.hiccups().virtualMicros.getMaxValue()));
    row(b, "heap used after GC, streams open (MB)", levels, l -> mb(l.heapAfterGc()));
    row(b, "RSS (MB)", levels, l -> mb(l.rss()));
    row(
        b,
        "platform threads: the founders' side / the rest",
        levels,
        l ->
            l.threads().getOrDefault(ThreadCpu.Group.FOUNDERS, 0)
                + " / "
                + (l.threads().values().stream().mapToInt(Integer::intValue).sum()
                    - l.threads().getOrDefault(ThreadCpu.Group.FOUNDERS, 0)));
    row(b, "process CPU, share of all cores", levels, l -> fmt(l.processCpu() * 100, 0) + "%");
    for (ThreadCpu.Group g : ThreadCpu.Group.values()) {
      row(
          b,
          "… of which " + g.label + ", share of all cores",
          levels,
          l ->
              fmt(l.threadCpu().getOrDefault(g, 0.0) / l.windowSeconds() / Probe.cores() * 100, 0)
                  + "%");
    }
    row(
        b,
        "server CPU per relayed token (µs, turns' work included)",
        levels,
        l ->
            l.meter().tokensInWindow.sum() == 0
                ? "-"
                : fmt(
                    l.threadCpu().getOrDefault(ThreadCpu.Group.SERVER, 0.0)
                        * 1e6
                        / l.meter().tokensInWindow.sum(),
                    0));
    row(b, "machine CPU busy, all processes", levels, l -> fmt(l.machineCpu() * 100, 0) + "%");
    b.append('\n');
    b.append("| no stream open | heap used after GC (MB) | RSS (MB) | platform threads |\n");
    b.append("|---|---|---|---|\n");
    for (Idle i : idle) {
      b.append(
          String.format(
              "| %s | %s | %s | %d |%n", i.when(), mb(i.heapAfterGc()), mb(i.rss()), i.threads()));
    }
    for (Level l : levels) {
      List<Map.Entry<String, java.util.concurrent.atomic.LongAdder>> f =
          new ArrayList<>(l.meter().failures().entrySet());
      f.sort(Comparator.comparing(e -> -e.getValue().sum()));
      if (!f.isEmpty() || l.stragglers() > 0 || l.meter().tokensReplayed.sum() > 0) {
        b.append(String.format("%n%,d founders:", l.founders()));
        f.forEach(e -> b.append(String.format(" %s ×%,d;", e.getKey(), e.getValue().sum())));
        if (l.meter().tokensReplayed.sum() > 0) {
          b.append(
              String.format(
                  " %,d tokens written before their founder asked (replayed, not timed);",
                  l.meter().tokensReplayed.sum()));
        }
        if (l.meter().tokensMissing.sum() > 0) {
          b.append(String.format(" %,d tokens missing;", l.meter().tokensMissing.sum()));
        }
        if (l.stragglers() > 0) {
          b.append(String.format(" %d founders still reading at the end;", l.stragglers()));
        }
        b.append('\n');
      }
    }
    return b.toString();
  }

  private static void row(
      StringBuilder b,
      String name,
      List<Level> levels,
      java.util.function.Function<Level, String> f) {
    b.append("| ").append(name).append(" |");
    levels.forEach(l -> b.append(' ').append(f.apply(l)).append(" |"));
    b.append('\n');
  }

  private static String ms(long micros) {
    return fmt(micros / 1000.0, micros < 10_000 ? 1 : 0);
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%,.0f", bytes / 1048576.0);
  }

  private static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }
}
