package dev.socra.llm.budget;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.util.Map;

/**
 * Where budgets live. In memory for one process; a shared store (Bucket4j's Redis proxy manager)
 * lets several servers spend one provider key's limits together, and shares the limits a provider's
 * headers taught any of them.
 */
public interface BudgetStore {
  /** The bucket under {@code key}, created with {@code configuration} when new. */
  Bucket bucket(String key, BucketConfiguration configuration);

  /**
   * The limits learned from the provider's headers for the budget {@code key}, by any router using
   * this store; empty for a store of one process, where the budget keeps what it learned itself.
   */
  default Map<Dimension, Long> learnedLimits(String key) {
    return Map.of();
  }

  /** Tells every router using this store that {@code dimension} of {@code key} is {@code limit}. */
  default void learnLimit(String key, Dimension dimension, long limit) {}

  /**
   * What to throw for a failure of the store itself: a shared store says it is unavailable ({@link
   * BudgetUnavailableException}); one in memory never fails, so anything is a bug and stays itself.
   */
  default RuntimeException unavailable(RuntimeException failure) {
    return failure;
  }
}
