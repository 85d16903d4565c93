package dev.socra.server.cluster;

import dev.socra.llm.budget.BudgetStore;
import dev.socra.llm.budget.BudgetUnavailableException;
import dev.socra.llm.budget.Dimension;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Provider budgets every server spends together: Bucket4j buckets kept in Redis (its Lettuce proxy
 * manager; each change a compare-and-swap), so N servers sharing one key's 6,000 tokens a minute
 * send it no more than one server would. Limits learned from a provider's headers go in a hash per
 * target ({@code socra:target:<provider/model>}, beside the shared cool-down), for every server to
 * adopt.
 *
 * <p>Buckets refill on the servers' clocks (Bucket4j's client-side time), which must agree to well
 * under a second (NTP). A bucket Redis no longer has is created again: full when it simply expired
 * (unused for its whole window), but empty when Redis lost its data (a restart without persistence)
 * less than one of its windows ago, because the provider still counts what was sent before; it then
 * refills over its window as the provider's own bucket does. The marker {@code socra:budgets:since}
 * tells the two apart: it holds when Redis's budgets began, and a value newer than the one a server
 * saw at its start means the data was lost then.
 */
public final class RedisBudgetStore implements BudgetStore {
  static final String MARKER = "socra:budgets:since";

  private final Redis redis;
  private final ProxyManager<String> buckets;

  /** When Redis's budgets began, as this server first saw it (the marker's value). */
  private final long since;

  public RedisBudgetStore(Redis redis) {
    this.redis = redis;
    this.buckets =
        Bucket4jLettuce.casBasedBuilder(redis.bytes())
            .expirationAfterWrite(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                    Duration.ofMinutes(1)))
            .requestTimeout(Redis.TIMEOUT)
            .build();
    this.since = marker();
  }

  /** The marker's value: set now when Redis has none (a new Redis, or one that lost its data). */
  private long marker() {
    String now = String.valueOf(System.currentTimeMillis());
    redis.call(c -> c.setnx(MARKER, now));
    String v = redis.call(c -> c.get(MARKER));
    return v == null ? Long.parseLong(now) : Long.parseLong(v);
  }

  @Override
  public Bucket bucket(String key, BucketConfiguration configuration) {
    return buckets.builder().build("socra:budget:" + key, () -> created(configuration));
  }

  /**
   * The configuration a missing bucket is made with: full, unless Redis lost its data (its marker
   * is newer than the one this server saw) less than one of the bucket's windows ago.
   */
  private BucketConfiguration created(BucketConfiguration configuration) {
    long began = marker();
    long window = 0;
    for (Bandwidth w : configuration.getBandwidths()) {
      window = Math.max(window, w.getRefillPeriodNanos() / 1_000_000);
    }
    boolean lost = began > since && System.currentTimeMillis() - began < window;
    if (!lost) {
      return configuration;
    }
    var b = BucketConfiguration.builder();
    for (Bandwidth w : configuration.getBandwidths()) {
      b.addLimit(
          Bandwidth.builder()
              .capacity(w.getCapacity())
              .refillGreedy(w.getRefillTokens(), Duration.ofNanos(w.getRefillPeriodNanos()))
              .initialTokens(0)
              .build());
    }
    return b.build();
  }

  @Override
  public Map<Dimension, Long> learnedLimits(String key) {
    Map<String, String> fields = redis.call(c -> c.hgetall(RedisTargetState.key(key)));
    Map<Dimension, Long> limits = new EnumMap<>(Dimension.class);
    for (Dimension d : Dimension.values()) {
      String v = fields.get("limit:" + d.name());
      if (v != null) {
        try {
          limits.put(d, Long.parseLong(v));
        } catch (NumberFormatException e) {
          // a value no server of this version writes: ignored
        }
      }
    }
    return limits;
  }

  @Override
  public void learnLimit(String key, Dimension dimension, long limit) {
    redis.call(
        c -> c.hset(RedisTargetState.key(key), "limit:" + dimension.name(), Long.toString(limit)));
  }

  @Override
  public RuntimeException unavailable(RuntimeException failure) {
    if (failure instanceof BudgetUnavailableException b) {
      return b;
    }
    if (failure instanceof SharedStateUnavailableException
        || failure instanceof RedisException
        || causedByRedis(failure)) {
      return new BudgetUnavailableException(
          "the provider budgets the servers share (Redis at "
              + redis.where()
              + ") are out of reach; no call is sent until they are back",
          Redis.RETRY_AFTER,
          failure);
    }
    return failure;
  }

  private static boolean causedByRedis(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      // Bucket4j's own timeout (a command queued while Lettuce reconnects) is an outage too.
      if (c instanceof RedisException
          || c instanceof java.util.concurrent.TimeoutException
          || c instanceof io.github.bucket4j.TimeoutException) {
        return true;
      }
    }
    return false;
  }
}
