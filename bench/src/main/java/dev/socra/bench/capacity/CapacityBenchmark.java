package dev.socra.bench.capacity;

import dev.socra.llm.testkit.FakeProvider;
import dev.socra.llm.testkit.SeenRequest;
import java.io.PrintStream;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Replays the seed's production failure against fake providers that enforce real limits, for each
 * strategy in one invocation, and prints one markdown table.
 *
 * <p>Runs, each against freshly started fakes (full buckets) and a fresh strategy: one session
 * alone, then the sustained run, {@code --sessions} sessions (20) arriving evenly over {@code
 * --over} seconds (60). Takes about seven minutes because the limits are per minute.
 *
 * <pre>
 * bench/capacity.sh                 # builds, finds a JDK 21+, runs everything
 * java -cp bench/target/socra-bench.jar dev.socra.bench.capacity.CapacityBenchmark \
 *     [--sessions 20] [--over 60] [--token-delay-ms 4] [--only "Socra router"]
 * </pre>
 */
public final class CapacityBenchmark {

  /** A row of the table: how to build the strategy, and whether its fakes enforce limits. */
  private record Contender(String name, boolean limited, Function<Fakes, Strategy> create) {}

  private static final List<Contender> CONTENDERS =
      List.of(
          new Contender("Naive parallel (Groq only)", true, NaiveParallel::new),
          new Contender("Retry 4 s / 8 s (Groq only)", true, RetryWithBackoff::new),
          new Contender("Sequential, 1.5 s gaps (Groq only)", true, SequentialWithGaps::new),
          new Contender("Socra router (Groq, Gemini, Anthropic)", true, SocraRouter::new),
          new Contender("Unlimited reference (no limits)", false, UnlimitedReference::new));

  private static final PrintStream LOG = System.err;

  private CapacityBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      // the router's per-attempt INFO lines (skipped targets) would drown the progress lines
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    int sessions = 20;
    Duration over = Duration.ofSeconds(60);
    Duration tokenDelay = Duration.ofMillis(4);
    String only = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sessions" -> sessions = Integer.parseInt(args[++i]);
        case "--over" -> over = Duration.ofSeconds(Long.parseLong(args[++i]));
        case "--token-delay-ms" -> tokenDelay = Duration.ofMillis(Long.parseLong(args[++i]));
        case "--only" -> only = args[++i];
        default -> {
          LOG.println(
              "usage: CapacityBenchmark [--sessions N] [--over SECONDS] [--token-delay-ms MS]"
                  + " [--only STRATEGY-PREFIX]");
          System.exit(2);
        }
      }
    }
    Instant started = Instant.now();
    LOG.printf(
        "capacity: %d sessions over %ds, %dms per answer token; pipeline %s%n",
        sessions, over.toSeconds(), tokenDelay.toMillis(), describePipeline());
    warmUp();
    List<RunResult> results = new ArrayList<>();
    for (Contender c : CONTENDERS) {
      if (only != null && !c.name().startsWith(only)) {
        continue;
      }
      results.add(run(c, "1 session", 1, Duration.ZERO, tokenDelay));
      results.add(
          run(c, sessions + " sessions / " + over.toSeconds() + " s", sessions, over, tokenDelay));
    }
    System.out.println();
    System.out.println(table(results));
    LOG.printf("capacity: done in %ds%n", Duration.between(started, Instant.now()).toSeconds());
  }

  private static String describePipeline() {
    StringBuilder s = new StringBuilder();
    s.append(Pipeline.SPECIALISTS.size())
        .append(" specialists of ")
        .append(Pipeline.SPECIALISTS.getFirst().inputTokens())
        .append(" in / ")
        .append(Pipeline.SPECIALISTS.getFirst().outputTokens())
        .append(" out together, synthesis ")
        .append(Pipeline.SYNTHESIS.inputTokens())
        .append(" / ")
        .append(Pipeline.SYNTHESIS.outputTokens())
        .append(", devil's advocate ")
        .append(Pipeline.DEVILS_ADVOCATE.inputTokens())
        .append(" / ")
        .append(Pipeline.DEVILS_ADVOCATE.outputTokens());
    return s.toString();
  }

  /** Loads and compiles the HTTP, JSON, tokenizer and router paths before anything is timed. */
  private static void warmUp() throws Exception {
    try (Fakes fakes = Fakes.start(Duration.ZERO, false)) {
      for (Function<Fakes, Strategy> create :
          List.<Function<Fakes, Strategy>>of(UnlimitedReference::new, SocraRouter::new)) {
        try (Strategy s = create.apply(fakes)) {
          for (int i = 0; i < 5; i++) {
            s.session(1_000 + i);
          }
        }
      }
    }
  }

  private static RunResult run(
      Contender c, String runName, int sessions, Duration over, Duration tokenDelay)
      throws Exception {
    long t0 = System.nanoTime();
    try (Fakes fakes = Fakes.start(tokenDelay, c.limited());
        Strategy strategy = c.create().apply(fakes)) {
      List<SessionResult> done = arrive(strategy, sessions, over);
      RunResult r =
          new RunResult(
              c.name(),
              runName,
              done,
              fakes.count(429),
              fakes.count(413),
              Duration.ofNanos(System.nanoTime() - t0));
      LOG.printf(
          "capacity: %-40s %-22s %3d/%3d calls failed, %3d x 429, %d x 413, wall median %s p95 %s,"
              + " requests %s, took %ds%n",
          c.name(),
          runName,
          r.failedCalls(),
          r.calls(),
          r.tooMany(),
          r.tooLarge(),
          seconds(r.median()),
          seconds(r.p95()),
          fakes.requests(),
          r.took().toSeconds());
      if (strategy instanceof SocraRouter) {
        explainRefusals(fakes);
        done.stream()
            .flatMap(s -> s.calls().stream())
            .filter(call -> !call.ok())
            .limit(5)
            .forEach(
                call -> LOG.println("capacity:   failed " + call.stage() + ": " + call.error()));
      }
      return r;
    }
  }

  /** Starts session i at i * over / sessions from now, each on its own thread; waits for all. */
  private static List<SessionResult> arrive(Strategy strategy, int sessions, Duration over)
      throws InterruptedException, ExecutionException {
    long start = System.nanoTime();
    long step = sessions <= 1 ? 0 : over.toNanos() / sessions;
    List<Future<SessionResult>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < sessions; i++) {
        long wait = start + i * step - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(Duration.ofNanos(wait));
        }
        int session = i;
        futures.add(pool.submit(() -> strategy.session(session)));
      }
      List<SessionResult> out = new ArrayList<>();
      for (Future<SessionResult> f : futures) {
        out.add(f.get());
      }
      return out;
    }
  }

  /** Every request a fake refused while Socra routed, with the fake's view of its cost. */
  private static void explainRefusals(Fakes fakes) {
    fakes
        .all()
        .forEach(
            (name, fake) -> {
              for (SeenRequest r : refusals(fake)) {
                LOG.printf(
                    "capacity:   %s refused #%d (%d): %d input + %d max tokens at +%dms%n",
                    name,
                    r.seq(),
                    r.status(),
                    r.inputTokens(),
                    r.maxTokens(),
                    r.receivedAtMillis() - fake.attempts().getFirst().receivedAtMillis());
              }
            });
  }

  private static List<SeenRequest> refusals(FakeProvider fake) {
    return fake.attempts().stream().filter(r -> r.status() == 429 || r.status() == 413).toList();
  }

  static String table(List<RunResult> results) {
    StringBuilder t = new StringBuilder();
    t.append(
        "| strategy | run | calls failed (user-visible) | sessions with a failure | 429s from"
            + " the fakes | 413s | wall median | wall p95 | cost per session | answered by |\n");
    t.append("|---|---|--:|--:|--:|--:|--:|--:|--:|---|\n");
    for (RunResult r : results) {
      t.append("| ")
          .append(r.strategy())
          .append(" | ")
          .append(r.run())
          .append(" | ")
          .append(r.failedCalls())
          .append(" / ")
          .append(r.calls())
          .append(" | ")
          .append(r.failedSessions())
          .append(" / ")
          .append(r.sessions().size())
          .append(" | ")
          .append(r.tooMany())
          .append(" | ")
          .append(r.tooLarge())
          .append(" | ")
          .append(seconds(r.median()))
          .append(" | ")
          .append(seconds(r.p95()))
          .append(" | $")
          .append(r.costPerSession().setScale(6, RoundingMode.HALF_UP).toPlainString())
          .append(" | ")
          .append(r.servedBy().isEmpty() ? "—" : r.servedBy())
          .append(" |\n");
    }
    return t.toString();
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
  }
}
