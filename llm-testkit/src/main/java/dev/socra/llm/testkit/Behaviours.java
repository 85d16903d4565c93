package dev.socra.llm.testkit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Directives per model: parsed from the model name unless overridden, plus the per-model request
 * counters that make {@code times=K} faults transient.
 */
final class Behaviours {

  private final Map<String, Directives> overrides = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> seen = new ConcurrentHashMap<>();

  /** Replaces the model name's directives; a new behaviour starts its {@code times} afresh. */
  void override(String model, String directives) {
    if (directives == null) {
      overrides.remove(model);
    } else {
      overrides.put(model, Directives.parse(directives));
    }
    seen.remove(model);
  }

  /** The directives for {@code model}, without counting the request. */
  Directives of(String model) {
    Directives override = overrides.get(model);
    return override != null ? override : Directives.parse(model);
  }

  /**
   * Counts one request for {@code model} and returns the directives that apply to it: with {@code
   * times=K}, the faults only for the first K requests; with {@code streams-only}, only for
   * streamed requests (whole answers are neither disturbed nor counted).
   */
  Directives next(String model, Directives directives, boolean stream) {
    if (directives.has("streams-only") && !stream) {
      return directives.withoutFaults();
    }
    if (!directives.has("times")) {
      return directives;
    }
    long n = seen.computeIfAbsent(model, m -> new AtomicLong()).incrementAndGet();
    return n <= directives.number("times", 0) ? directives : directives.withoutFaults();
  }

  void reset() {
    overrides.clear();
    seen.clear();
  }
}
