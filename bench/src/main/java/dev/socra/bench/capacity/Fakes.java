package dev.socra.bench.capacity;

import dev.socra.llm.testkit.FakeProvider;
import dev.socra.llm.testkit.RateLimits;
import dev.socra.llm.testkit.SeenRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three fake providers of one run, started fresh so that every run begins with full buckets.
 * Each enforces exactly the limits Socra is configured with ({@link SocraRouter}); a request costs
 * its input words plus its {@code max_tokens}, taken from token buckets refilled continuously over
 * a minute.
 */
final class Fakes implements AutoCloseable {

  static final String KEY = "test-key-capacity-bench-3Jx8Lq2Z";

  static final String GROQ_MODEL = "llama-3.1-8b-instant";
  static final String GEMINI_MODEL = "gemini-2.5-flash-lite";
  static final String ANTHROPIC_MODEL = "claude-haiku-4-5";

  /**
   * Groq's free tier for llama-3.1-8b-instant: the seed's limit, and the daily request limit that
   * Groq's {@code x-ratelimit-*-requests} headers report (served at Groq's path).
   */
  static final RateLimits GROQ_LIMITS = new RateLimits(6_000, 30, 14_400);

  /** Ample room: enough for the whole sustained run on its own. */
  static final RateLimits GEMINI_LIMITS = new RateLimits(1_000_000, 1_000);

  /**
   * Anthropic's Tier 1 request limit and its 50,000 input tokens a minute. The fake has one token
   * bucket charging input plus {@code max_tokens}, so the router is configured with the same single
   * 50,000 tpm bucket rather than separate input and output ones.
   */
  static final RateLimits ANTHROPIC_LIMITS = new RateLimits(50_000, 50);

  private static final int LONGEST_ANSWER =
      Math.max(
          Pipeline.SYNTHESIS.outputTokens(),
          Math.max(
              Pipeline.DEVILS_ADVOCATE.outputTokens(),
              Pipeline.SPECIALISTS.getFirst().outputTokens()));

  final FakeProvider groq;
  final FakeProvider gemini;
  final FakeProvider anthropic;

  private Fakes(FakeProvider groq, FakeProvider gemini, FakeProvider anthropic) {
    this.groq = groq;
    this.gemini = gemini;
    this.anthropic = anthropic;
  }

  /**
   * @param tokenDelay the pause per answer token, the same on every fake so that wall times compare
   *     waiting and routing only
   * @param limited false for the unlimited reference: no fake enforces anything
   */
  static Fakes start(Duration tokenDelay, boolean limited) {
    return new Fakes(
        start(limited ? GROQ_LIMITS : RateLimits.UNLIMITED, tokenDelay, GROQ_MODEL),
        start(limited ? GEMINI_LIMITS : RateLimits.UNLIMITED, tokenDelay, GEMINI_MODEL),
        start(limited ? ANTHROPIC_LIMITS : RateLimits.UNLIMITED, tokenDelay, ANTHROPIC_MODEL));
  }

  private static FakeProvider start(RateLimits limits, Duration tokenDelay, String model) {
    FakeProvider fake = FakeProvider.builder().limits(limits).tokenDelay(tokenDelay).start();
    // Answers as long as the request's max_tokens allows (the longest stage asks for 1,400), under
    // the real model name so the price table knows it: a specialist's answer is its 400 tokens, and
    // nothing is left to refund.
    fake.setBehaviour(model, "tokens=" + LONGEST_ANSWER);
    return fake;
  }

  Map<String, FakeProvider> all() {
    Map<String, FakeProvider> m = new LinkedHashMap<>();
    m.put("groq", groq);
    m.put("gemini", gemini);
    m.put("anthropic", anthropic);
    return m;
  }

  /** Responses with this status the fakes sent, from their own attempt logs. */
  long count(int status) {
    return all().values().stream()
        .flatMap(f -> f.attempts().stream())
        .mapToInt(SeenRequest::status)
        .filter(s -> s == status)
        .count();
  }

  /** Requests each fake saw, by name. */
  Map<String, Integer> requests() {
    Map<String, Integer> m = new LinkedHashMap<>();
    all().forEach((name, fake) -> m.put(name, fake.attempts().size()));
    return m;
  }

  @Override
  public void close() {
    groq.close();
    gemini.close();
    anthropic.close();
  }
}
