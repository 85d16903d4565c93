package dev.socra.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.llm.testkit.FakeProvider;
import dev.socra.llm.testkit.VirtualTime;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults drawn at random on every target but one: every call, streamed or not, still returns the
 * complete answer, and every call met the faults its targets were given. The draws come from fixed
 * seeds, so a run is the same every time; {@code -Dsocra.test.seed=N} adds seed N, and {@code
 * -Dsocra.test.seed=random} a fresh one. Every assertion names its seed.
 *
 * <p>The mix runs on virtual time, so only faults that need no real limit to pass are in it (a
 * silence that ends with a closed connection stands for the others); faults that must wait out a
 * real socket limit are tested one by one in {@link RouterFailoverTest} and {@link
 * RouterStreamTest}.
 */
class RandomFaultsTest {
  private static final Set<String> OVERLOADED = Set.of("overloaded");
  private static final Set<String> TRANSIENT = Set.of("transient");
  private static final Set<String> RATE_LIMITED = Set.of("rate-limited");
  private static final Set<String> QUOTA = Set.of("quota");
  private static final Set<String> OK = Set.of("ok");

  /** Each fault, and the outcome a target given it must show on its first real attempt. */
  private static final Map<String, Set<String>> FAULTS = new HashMap<>();

  static {
    FAULTS.put("status=503", OVERLOADED);
    FAULTS.put("status=529", OVERLOADED);
    FAULTS.put("status=500", TRANSIENT);
    FAULTS.put("status=502", TRANSIENT);
    FAULTS.put("status=504", TRANSIENT);
    FAULTS.put("status=408", TRANSIENT);
    FAULTS.put("status=429+retry-after=0", RATE_LIMITED);
    FAULTS.put("status=429+retry-after=1", RATE_LIMITED);
    FAULTS.put("status=429", RATE_LIMITED);
    FAULTS.put("status=429+code=insufficient_quota", QUOTA);
    FAULTS.put("status=402", QUOTA);
    FAULTS.put("reset", TRANSIENT);
    FAULTS.put("hang=2000", Set.of("silent"));
    FAULTS.put("slow-first=2000", OK);
    FAULTS.put("cut-after=2", TRANSIENT);
    FAULTS.put("cut-after=0", TRANSIENT);
    FAULTS.put("malformed-after=1", TRANSIENT);
    FAULTS.put("no-done", OK);
    FAULTS.put("inband-error=overloaded_error+inband-after=1", OVERLOADED);
    FAULTS.put("error-in-200=503", OVERLOADED);
    FAULTS.put("not-json", TRANSIENT);
    FAULTS.put("reject-prefill", OK); // refused only when it is asked to continue a stream
    FAULTS.put("ok", OK);
  }

  private static final List<String> FAULT_NAMES = FAULTS.keySet().stream().sorted().toList();
  private static final int CALLS = 12;

  @TempDir Path dir;

  static LongStream seeds() {
    String extra = System.getProperty("socra.test.seed", "").strip();
    LongStream fixed = LongStream.of(1, 2, 3, 4);
    if (extra.isEmpty()) {
      return fixed;
    }
    long seed = extra.equals("random") ? new SecureRandom().nextLong() : Long.parseLong(extra);
    return LongStream.concat(fixed, LongStream.of(seed));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyCallReturnsTheCompleteAnswerAndMeetsItsFaults(long seed) {
    Random random = new Random(seed);
    VirtualTime time = VirtualTime.automatic();
    List<String> names = new ArrayList<>(List.of("o1", "o2", "a1"));
    Collections.shuffle(names, random);
    List<String> route = new ArrayList<>();
    for (String name : names) {
      route.add(name + "/" + name + "-faulty");
    }
    // the healthy target comes last, so every call meets the faults first
    route.add("healthy/ok");
    try (FakeProvider fake = FakeProvider.builder().time(time).start();
        Router router =
            new FakeRoutes(dir)
                .openai("o1", fake, true, 32_000)
                .openai("o2", fake, false, 32_000)
                .anthropic("a1", fake)
                .anthropic("healthy", fake)
                .route(route.toArray(String[]::new))
                .settings(
                    FakeRoutes.PATIENT_LIMITS
                        + """
                        retry: { transient_backoff: 5ms, max_attempts: 12, max_rate_limit_wait: 100ms,
                                 rate_limit_cooldown: 1ms, silent_cooldown: 1ms, quota_cooldown: 1ms }
                        circuit: { minimum_calls: 1000, window: 1000 }
                        """)
                .router(time)) {
      for (int i = 0; i < CALLS; i++) {
        Map<String, String> given = new HashMap<>();
        for (String name : names) {
          String fault = FAULT_NAMES.get(random.nextInt(FAULT_NAMES.size()));
          given.put(name, fault);
          fake.setBehaviour(name + "-faulty", fault);
        }
        String prompt = "question " + i + " of run " + seed;
        boolean stream = random.nextBoolean();
        String what =
            "seed %d, call %d (%s), route %s, faults %s"
                .formatted(seed, i, stream ? "streamed" : "whole", route, given);
        StringBuilder seen = new StringBuilder();
        ChatRequest request = ChatRequest.of(prompt);
        ChatResponse r = stream ? router.stream(request, seen::append) : router.complete(request);

        String expected = FakeProvider.canonicalAnswer(prompt, 12);
        assertThat(r.text()).as(what).isEqualTo(expected);
        if (stream) {
          assertThat(seen.toString()).as(what).isEqualTo(expected);
        }
        metItsFaults(r, names, given, what);
        // a minute between calls: every cool-down is over, each call starts on healthy targets
        time.advance(Duration.ofMinutes(1));
      }
    }
  }

  /**
   * Every faulty target ahead of the one that served was met: tried, showing the outcome its fault
   * implies, or passed over because it cannot continue a stream another target started.
   */
  private static void metItsFaults(
      ChatResponse r, List<String> names, Map<String, String> given, String what) {
    for (String name : names) {
      List<Attempt> met =
          r.attempts().stream().filter(a -> a.target().provider().equals(name)).toList();
      if (r.servedBy().provider().equals(name)) {
        assertThat(met.getLast().outcome().kind()).as(what).isEqualTo("ok");
        break; // targets after the one that served were rightly never asked
      }
      assertThat(met).as(what + ": %s was not met", name).isNotEmpty();
      Attempt first = met.stream().filter(a -> a.number() > 0).findFirst().orElse(null);
      if (first == null) {
        assertThat(met.getFirst().outcome().detail())
            .as(what + ": %s skipped", name)
            .contains("cannot continue a started stream");
        continue;
      }
      Set<String> expected = FAULTS.get(given.get(name));
      if (given.get(name).equals("reject-prefill") && first.continuation()) {
        expected = Set.of("refused");
      }
      assertThat(first.outcome().kind())
          .as(what + ": %s given %s (%s)", name, given.get(name), first.outcome().detail())
          .isIn(expected);
    }
  }
}
