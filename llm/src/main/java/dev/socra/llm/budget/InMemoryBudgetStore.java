package dev.socra.llm.budget;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Budgets for one process. */
public final class InMemoryBudgetStore implements BudgetStore {
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final TimeMeter time;

  public InMemoryBudgetStore() {
    this(TimeMeter.SYSTEM_NANOTIME);
  }

  /** Budgets on another clock: {@code socra plan} runs a whole pipeline on simulated time. */
  public InMemoryBudgetStore(TimeMeter time) {
    this.time = time;
  }

  @Override
  public Bucket bucket(String key, BucketConfiguration configuration) {
    return buckets.computeIfAbsent(
        key,
        k -> {
          var builder = Bucket.builder().withCustomTimePrecision(time);
          for (var bandwidth : configuration.getBandwidths()) {
            builder.addLimit(bandwidth);
          }
          return builder.build();
        });
  }
}
