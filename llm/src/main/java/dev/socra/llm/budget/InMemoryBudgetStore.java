package dev.socra.llm.budget;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Budgets for one process. */
public final class InMemoryBudgetStore implements BudgetStore {
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  @Override
  public Bucket bucket(String key, BucketConfiguration configuration) {
    return buckets.computeIfAbsent(
        key,
        k -> {
          var builder = Bucket.builder();
          for (var bandwidth : configuration.getBandwidths()) {
            builder.addLimit(bandwidth);
          }
          return builder.build();
        });
  }
}
