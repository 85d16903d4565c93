package dev.socra.llm.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the fake answers one model, written as {@code key} or {@code key=value} items joined by
 * {@code +}, e.g. {@code llama-3.1-8b-instant+status=503+times=1}. Items that are not directives (a
 * real model name) are ignored, so any real model name behaves normally.
 */
record Directives(Map<String, String> values) {

  /** Change the answer's shape, not its success; they stay in force after {@code times=K}. */
  static final Set<String> SHAPING = Set.of("tokens", "no-usage", "times", "streams-only");

  /** Misbehaviours; {@code times=K} limits them to the first K requests for a model. */
  static final Set<String> FAULTS =
      Set.of(
          "status",
          "code",
          "retry-after",
          "retry-after-date",
          "retry-after-ms",
          "groq-wait",
          "gemini-retry",
          "reset",
          "hang",
          "slow-first",
          "stall-after",
          "cut-after",
          "malformed-after",
          "no-done",
          "idle-after-finish",
          "inband-error",
          "inband-after",
          "echo-key",
          "error-in-200",
          "not-json",
          "reject-prefill",
          "strict-prefill",
          "refusal",
          "groq-error",
          "gemini-quota",
          "slow-end");

  /** Faults that only change how a stream unfolds, recorded together in the attempt log. */
  static final Set<String> STREAM_FAULTS =
      Set.of(
          "slow-first",
          "stall-after",
          "cut-after",
          "malformed-after",
          "no-done",
          "idle-after-finish",
          "inband-error",
          "inband-after",
          "echo-key",
          "refusal",
          "groq-error",
          "slow-end");

  static final int DEFAULT_TOKENS = 12;

  static final Directives NONE = new Directives(Map.of());

  Directives {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  static Directives parse(String spec) {
    Map<String, String> values = new LinkedHashMap<>();
    if (spec != null) {
      for (String item : spec.split("\\+")) {
        int eq = item.indexOf('=');
        String key = (eq < 0 ? item : item.substring(0, eq)).trim();
        String value = eq < 0 ? "" : item.substring(eq + 1).trim();
        if (SHAPING.contains(key) || FAULTS.contains(key)) {
          values.put(key, value);
        }
      }
    }
    return new Directives(values);
  }

  /**
   * The model name without its directive items, for error messages that name the model the way the
   * provider would ({@code llama-3.1-8b-instant+status=429} becomes {@code llama-3.1-8b-instant}).
   */
  static String baseModel(String model) {
    StringBuilder base = new StringBuilder();
    for (String item : model.split("\\+")) {
      int eq = item.indexOf('=');
      String key = (eq < 0 ? item : item.substring(0, eq)).trim();
      if (!SHAPING.contains(key) && !FAULTS.contains(key)) {
        base.append(base.isEmpty() ? "" : "+").append(item);
      }
    }
    return base.isEmpty() ? model : base.toString();
  }

  /**
   * The error status these directives ask for, 0 for none. {@code code=X} alone implies the status
   * the provider uses for X; a retry hint alone implies 429.
   */
  int errorStatus(java.util.function.ToIntFunction<String> statusForCode) {
    if (has("status")) {
      return (int) number("status", 500);
    }
    if (has("code")) {
      return statusForCode.applyAsInt(get("code"));
    }
    for (String hint : List.of("retry-after", "retry-after-date", "retry-after-ms")) {
      if (has(hint)) {
        return 429;
      }
    }
    return has("groq-wait") || has("gemini-retry") || has("gemini-quota") ? 429 : 0;
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  String get(String key) {
    return values.get(key);
  }

  /** The integer value of {@code key}, or {@code fallback} when absent or not a number. */
  long number(String key, long fallback) {
    String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  int tokens() {
    return (int) Math.max(0, number("tokens", DEFAULT_TOKENS));
  }

  boolean usage() {
    return !has("no-usage");
  }

  /** What is left once {@code times=K} is used up: the shaping directives only. */
  Directives withoutFaults() {
    Map<String, String> kept = new LinkedHashMap<>(values);
    kept.keySet().retainAll(SHAPING);
    return new Directives(kept);
  }

  /** The items with the given keys, spelled back as in the model name, or "ok" if none. */
  String describe(Set<String> keys) {
    String text =
        values.entrySet().stream()
            .filter(e -> keys.contains(e.getKey()))
            .map(e -> e.getValue().isEmpty() ? e.getKey() : e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("+"));
    return text.isEmpty() ? "ok" : text;
  }
}
