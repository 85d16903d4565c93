package dev.socra.bench;

import dev.socra.llm.Attempt;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.Router;
import dev.socra.llm.outcome.Outcome;
import dev.socra.llm.testkit.FakeProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a failing first target costs a call, against a route that has only the healthy target:
 *
 * <ul>
 *   <li>{@code failover - healthyOnly}: one failed attempt (a 503 from the fake, read and
 *       classified) plus the decision to move on;
 *   <li>{@code circuitOpenSkip - healthyOnly}: passing over a target whose circuit is open, which
 *       should cost microseconds, not a round trip;
 *   <li>{@code stubAfterOpenCircuit - stubOnly}: the same skip with the network taken out, because
 *       the fake's round trip varies between forks by more than a skip costs.
 * </ul>
 *
 * Settings as in {@link RouterOverheadBenchmark}, so the two classes run as one suite.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Xms512m", "-Xmx512m"})
public class FailoverBenchmark {
  static final String FAILING = "a/status=503";
  static final String HEALTHY = "b/ok";
  static final String STUB = "stub/socra-demo";

  private static final ChatRequest HEALTHY_ONLY =
      ChatRequest.of(RouterOverheadBenchmark.PROMPT).withRoute("healthy");
  private static final ChatRequest FAIL_OVER =
      ChatRequest.of(RouterOverheadBenchmark.PROMPT).withRoute("failover");

  /** Routers whose targets are all on one fake. */
  @State(Scope.Benchmark)
  public static class OnFake {
    FakeProvider fake;

    /**
     * Keeps trying the failing target: its circuit only judges after a million calls, far more than
     * a run makes, so it never opens and every call really makes the failed attempt. (With the
     * default circuit the 503s would open it after a few calls and {@code failover} would measure a
     * skip.) Resilience4j caps the minimum at the window size, hence the window of a million too;
     * that costs some 50 MB of heap per target, allocated once, and recording stays O(1).
     */
    Router tolerant;

    /** Opens the failing target's circuit after two failures and keeps it open for the run. */
    Router tripping;

    @Setup
    public void setUp() {
      fake = FakeProvider.start(0);
      tolerant =
          FakeConfig.router(
              fake,
              Map.of("failover", List.of(FAILING, HEALTHY), "healthy", List.of(HEALTHY)),
              "circuit: { window: 1000000, minimum_calls: 1000000 }\n");
      tripping =
          FakeConfig.router(
              fake,
              Map.of("failover", List.of(FAILING, HEALTHY)),
              "circuit: { minimum_calls: 2, window: 2, open_for: 1h }\n");
      driveOpen(tripping);

      // Each benchmark must do what its name says, or the differences mean nothing.
      expect(tolerant.complete(FAIL_OVER), HEALTHY, Outcome.Overloaded.class, "failover");
      expect(tripping.complete(FAIL_OVER), HEALTHY, Outcome.Skipped.class, "circuitOpenSkip");
      expect(tolerant.complete(HEALTHY_ONLY), HEALTHY, null, "healthyOnly");
    }

    /**
     * The fake logs every request; a log growing over the run would load the GC, not the router.
     */
    @Setup(Level.Iteration)
    public void clearLog() {
      fake.clearAttempts();
    }

    /** The circuits must not have changed state during an iteration. */
    @TearDown(Level.Iteration)
    public void checkCircuits() {
      String tolerantState = FakeConfig.state(tolerant, "failover", FAILING);
      String trippingState = FakeConfig.state(tripping, "failover", FAILING);
      if (!tolerantState.equals("closed") || !trippingState.equals("open")) {
        throw new IllegalStateException(
            "circuits changed: failover " + tolerantState + ", skip " + trippingState);
      }
    }

    @TearDown
    public void tearDown() {
      tolerant.close();
      tripping.close();
      fake.close();
    }
  }

  /**
   * The failing target's circuit opened (on a fake that is then closed), then the built-in stub,
   * which answers without I/O: the skip is no longer hidden in the round trip's noise.
   */
  @State(Scope.Benchmark)
  public static class NoNetwork {
    Router router;

    @Setup
    public void setUp() {
      try (FakeProvider fake = FakeProvider.start(0)) {
        router =
            FakeConfig.router(
                fake,
                Map.of("failover", List.of(FAILING, STUB), "healthy", List.of(STUB)),
                "circuit: { minimum_calls: 2, window: 2, open_for: 1h }\n");
        driveOpen(router);
      }
      expect(router.complete(FAIL_OVER), STUB, Outcome.Skipped.class, "stubAfterOpenCircuit");
      expect(router.complete(HEALTHY_ONLY), STUB, null, "stubOnly");
    }

    @TearDown
    public void tearDown() {
      router.close();
    }
  }

  /** Opens the failing target's circuit the way production would: with calls that fail on it. */
  private static void driveOpen(Router router) {
    for (int i = 0; !FakeConfig.state(router, "failover", FAILING).equals("OPEN"); i++) {
      if (i == 100) {
        throw new IllegalStateException("the failing target's circuit did not open");
      }
      router.complete(FAIL_OVER);
    }
  }

  /** Served by {@code servedBy}, after one attempt of kind {@code first} (null: none before). */
  private static void expect(
      ChatResponse r, String servedBy, Class<? extends Outcome> first, String what) {
    List<Attempt> a = r.attempts();
    boolean ok =
        r.servedBy().toString().equals(servedBy)
            && (first == null
                ? a.size() == 1
                : a.size() == 2
                    && first.isInstance(a.getFirst().outcome())
                    && (a.getFirst().number() == 0) == (first == Outcome.Skipped.class));
    if (!ok) {
      throw new IllegalStateException(
          what
              + ": served by "
              + r.servedBy()
              + " after "
              + a.stream().map(Attempt::summary).toList());
    }
  }

  /** Baseline: the healthy target alone. */
  @Benchmark
  public ChatResponse healthyOnly(OnFake s) {
    return s.tolerant.complete(HEALTHY_ONLY);
  }

  /** The failing target is tried (503), then the healthy one answers. */
  @Benchmark
  public ChatResponse failover(OnFake s) {
    return s.tolerant.complete(FAIL_OVER);
  }

  /** The failing target's circuit is open: it is skipped and the healthy one answers. */
  @Benchmark
  public ChatResponse circuitOpenSkip(OnFake s) {
    return s.tripping.complete(FAIL_OVER);
  }

  // Microseconds per call: warm quickly and steady, so shorter runs suffice.

  @Benchmark
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 1)
  public ChatResponse stubOnly(NoNetwork s) {
    return s.router.complete(HEALTHY_ONLY);
  }

  @Benchmark
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 1)
  public ChatResponse stubAfterOpenCircuit(NoNetwork s) {
    return s.router.complete(FAIL_OVER);
  }
}
