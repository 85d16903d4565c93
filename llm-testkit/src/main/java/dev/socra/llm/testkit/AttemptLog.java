package dev.socra.llm.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The requests the fake has seen, oldest first. Bounded so a long benchmark run against a
 * standalone fake cannot grow it without limit; sequence numbers keep counting regardless.
 */
final class AttemptLog {

  static final int CAPACITY = 100_000;

  private final Deque<SeenRequest> entries = new ArrayDeque<>();
  private long seq;

  /** Numbers and appends in one step, so sequence numbers follow the log's order. */
  synchronized void add(LongFunction<SeenRequest> numbered) {
    if (entries.size() == CAPACITY) {
      entries.pollFirst();
    }
    entries.addLast(numbered.apply(++seq));
  }

  synchronized List<SeenRequest> snapshot() {
    return List.copyOf(entries);
  }

  synchronized void clear() {
    entries.clear();
  }
}
