package dev.socra.bench.capacity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One strategy's run: its sessions, and what the fakes' own logs say they answered.
 *
 * @param tooMany 429s the fakes returned
 * @param tooLarge 413s the fakes returned (Groq's "request too large" for its per-minute budget)
 */
record RunResult(
    String strategy,
    String run,
    List<SessionResult> sessions,
    long tooMany,
    long tooLarge,
    Duration took) {

  RunResult {
    sessions = List.copyOf(sessions);
  }

  long calls() {
    return sessions.stream().mapToLong(s -> s.calls().size()).sum();
  }

  long failedCalls() {
    return sessions.stream().mapToLong(SessionResult::failures).sum();
  }

  long failedSessions() {
    return sessions.stream().filter(s -> s.failures() > 0).count();
  }

  Duration median() {
    return percentile(0.5);
  }

  Duration p95() {
    return percentile(0.95);
  }

  /** Nearest rank. */
  private Duration percentile(double p) {
    List<Duration> walls = sessions.stream().map(SessionResult::wall).sorted().toList();
    int rank = (int) Math.ceil(p * walls.size());
    return walls.get(Math.max(0, rank - 1));
  }

  BigDecimal costPerSession() {
    BigDecimal total =
        sessions.stream().map(SessionResult::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
    return total.divide(BigDecimal.valueOf(sessions.size()), 8, RoundingMode.HALF_UP);
  }

  /** Answered calls by the fake that answered them, e.g. {@code gemini 4, groq 3}. */
  String servedBy() {
    Map<String, Long> counts =
        sessions.stream()
            .flatMap(s -> s.calls().stream())
            .filter(CallOutcome::ok)
            .collect(
                Collectors.groupingBy(CallOutcome::servedBy, TreeMap::new, Collectors.counting()));
    return counts.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
