package dev.socra.server.cluster;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Bucket4j buckets every server shares, in Redis (the Lettuce proxy manager), for limits that must
 * hold across servers: each user's requests a minute. Empty without Redis: the caller keeps its
 * buckets in memory.
 */
@Component
public class SharedBuckets {
  private final ProxyManager<String> buckets;

  SharedBuckets(Redis redis) {
    this.buckets =
        redis.enabled()
            ? Bucket4jLettuce.casBasedBuilder(redis.bytes())
                .expirationAfterWrite(
                    ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofMinutes(1)))
                .requestTimeout(Redis.TIMEOUT)
                .build()
            : null;
  }

  /** The shared bucket under {@code key}; empty for one server alone. */
  public Optional<Bucket> bucket(String key, Supplier<BucketConfiguration> configuration) {
    return buckets == null
        ? Optional.empty()
        : Optional.of(buckets.builder().build("socra:" + key, configuration));
  }
}
