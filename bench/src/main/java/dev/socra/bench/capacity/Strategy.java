package dev.socra.bench.capacity;

/**
 * One way of running the pipeline against the fakes. A strategy is created for one run, against
 * fresh fakes, and closed after it.
 */
interface Strategy extends AutoCloseable {

  /** Runs session {@code session}'s whole pipeline and says how each call ended. */
  SessionResult session(int session);

  @Override
  default void close() {}
}
