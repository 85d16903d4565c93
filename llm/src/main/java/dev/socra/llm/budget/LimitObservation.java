package dev.socra.llm.budget;

import java.time.Instant;

/**
 * What a provider's headers said about one dimension: its limit, what is left, when it is full
 * again. A field the headers did not carry is -1 (or null for the reset).
 *
 * @param rounding how coarse {@code remaining} is: 0 when exact, 1000 when the provider rounds it
 *     to the nearest thousand (Anthropic's token figures), so the true figure may be up to half of
 *     it higher
 */
public record LimitObservation(
    Dimension dimension, long limit, long remaining, Instant resetAt, long rounding) {

  /** An exact observation. */
  public LimitObservation(Dimension dimension, long limit, long remaining, Instant resetAt) {
    this(dimension, limit, remaining, resetAt, 0);
  }

  /** The most that may really be left: {@code remaining} plus half the rounding. */
  public long remainingAtMost() {
    return remaining < 0 ? remaining : remaining + rounding / 2;
  }
}
