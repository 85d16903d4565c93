package dev.socra.llm.budget;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/**
 * Where budgets live. In memory for one process; a shared store (Bucket4j's PostgreSQL or Redis
 * proxy managers) lets several servers spend one provider key's limits together.
 */
public interface BudgetStore {
  /** The bucket under {@code key}, created with {@code configuration} when new. */
  Bucket bucket(String key, BucketConfiguration configuration);
}
