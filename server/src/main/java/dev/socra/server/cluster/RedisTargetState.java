package dev.socra.server.cluster;

import dev.socra.llm.route.SharedCoolDowns;
import dev.socra.llm.route.TargetId;
import dev.socra.llm.route.TargetState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small shared state of each target, one Redis hash {@code socra:target:<provider/model>}:
 * {@code cool_until} and {@code cool_reason} (a 429, an exhausted quota or silence seen by any
 * server keeps every server away until then) and {@code limit:<dimension>} (limits learned from the
 * provider's headers, written by {@link RedisBudgetStore}). A later cool-down end replaces an
 * earlier one atomically (a Lua script), never the other way round.
 *
 * <p>Read once per attempt, by the router's admission; when Redis is out of reach it shares nothing
 * (each server keeps its own cool-downs), and the budgets stop the calls anyway.
 */
public final class RedisTargetState implements SharedCoolDowns {
  private static final Logger log = LoggerFactory.getLogger(RedisTargetState.class);

  private static final String LATER =
      """
      local cur = tonumber(redis.call('HGET', KEYS[1], 'cool_until') or '0')
      if tonumber(ARGV[1]) > cur then
        redis.call('HSET', KEYS[1], 'cool_until', ARGV[1], 'cool_reason', ARGV[2])
        redis.call('PEXPIREAT', KEYS[1], math.max(tonumber(ARGV[1]), tonumber(ARGV[3])))
        return 1
      end
      return 0
      """;

  /** Learned limits outlive any cool-down: a day, renewed by every answer's headers. */
  private static final long KEEP_MILLIS = 24 * 3600 * 1000L;

  private final Redis redis;

  public RedisTargetState(Redis redis) {
    this.redis = redis;
  }

  static String key(String target) {
    return "socra:target:" + target;
  }

  @Override
  public void coolDown(TargetId target, Instant until, String reason) {
    try {
      redis.script(
          LATER,
          io.lettuce.core.ScriptOutputType.INTEGER,
          new String[] {key(target.toString())},
          String.valueOf(until.toEpochMilli()),
          reason,
          String.valueOf(System.currentTimeMillis() + KEEP_MILLIS));
    } catch (SharedStateUnavailableException e) {
      log.debug("cool-down of {} not shared: {}", target, e.getMessage());
    }
  }

  @Override
  public Optional<TargetState.CoolingDown> coolingDown(TargetId target) {
    try {
      List<io.lettuce.core.KeyValue<String, String>> v =
          redis.call(c -> c.hmget(key(target.toString()), "cool_until", "cool_reason"));
      if (v.isEmpty() || !v.get(0).hasValue()) {
        return Optional.empty();
      }
      Instant until = Instant.ofEpochMilli(Long.parseLong(v.get(0).getValue()));
      String reason = v.get(1).hasValue() ? v.get(1).getValue() : "cooling down";
      return Optional.of(new TargetState.CoolingDown(until, reason));
    } catch (SharedStateUnavailableException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Everything shared about {@code target}: for the health endpoint. */
  public Map<String, String> of(String target) {
    return redis.call(c -> c.hgetall(key(target)));
  }
}
