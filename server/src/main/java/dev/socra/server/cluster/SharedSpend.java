package dev.socra.server.cluster;

import io.lettuce.core.ScriptOutputType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Each user's spend today and holds in flight, in Redis, for every server at once: the daily cap
 * with the same bound as on one server (spend today plus everything held stays under the cap plus
 * one attempt's hold). A hold is taken by one Lua script that reads the day's spend and the holds
 * and adds the new one only if they leave room; settling a hold adds the attempt's real cost to the
 * day's spend and lets the hold go, in one script too, so nothing is counted twice or not at all.
 *
 * <p>Amounts are whole micro-dollars. The day's spend ({@code socra:spend:<user>:<date>}) is seeded
 * from the ledger in PostgreSQL the first time a day is asked for, and kept two days. Each hold
 * carries its own expiry (15 minutes, longer than any call's deadline), so a server killed
 * mid-attempt cannot leave a user's room held for ever.
 */
@Component
public class SharedSpend {
  static final long HOLD_MILLIS = 15 * 60 * 1000L;
  private static final long DAY_KEEP_SECONDS = 2 * 24 * 3600L;

  /** Returns {state, spent, held}: state -1 not seeded, 0 cap reached, 1 no room now, 2 held. */
  private static final String HOLD =
      """
      local spent = tonumber(redis.call('GET', KEYS[1]) or '-1')
      if spent < 0 then return {-1, 0, 0} end
      local now = tonumber(ARGV[4])
      local gone = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)
      for _, id in ipairs(gone) do redis.call('HDEL', KEYS[2], id) end
      redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
      local held = 0
      for _, v in ipairs(redis.call('HVALS', KEYS[2])) do held = held + tonumber(v) end
      local cap = tonumber(ARGV[1])
      if spent >= cap then return {0, spent, held} end
      if spent + held >= cap then return {1, spent, held} end
      redis.call('HSET', KEYS[2], ARGV[3], ARGV[2])
      redis.call('ZADD', KEYS[3], now + tonumber(ARGV[5]), ARGV[3])
      redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[5]))
      redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[5]))
      return {2, spent, held}
      """;

  private static final String SETTLE =
      """
      redis.call('HDEL', KEYS[2], ARGV[1])
      redis.call('ZREM', KEYS[3], ARGV[1])
      if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('INCRBY', KEYS[1], ARGV[2]) end
      return 1
      """;

  /** What a hold found. */
  public sealed interface Outcome {
    record Held(String id) implements Outcome {}

    record CapReached(BigDecimal spent) implements Outcome {}

    record NoRoomNow(BigDecimal held) implements Outcome {}
  }

  private final Redis redis;

  public SharedSpend(Redis redis) {
    this.redis = redis;
  }

  public boolean enabled() {
    return redis.enabled();
  }

  /**
   * Holds {@code most} for one attempt of {@code user} against {@code cap}, seeding the day's spend
   * from {@code ledger} when Redis has none.
   */
  public Outcome hold(String user, BigDecimal cap, BigDecimal most, Supplier<BigDecimal> ledger) {
    String id = UUID.randomUUID().toString();
    for (int tries = 0; ; tries++) {
      List<Object> r =
          redis.script(
              HOLD,
              ScriptOutputType.MULTI,
              keys(user),
              String.valueOf(micros(cap, RoundingMode.DOWN)),
              String.valueOf(micros(most, RoundingMode.UP)),
              id,
              String.valueOf(System.currentTimeMillis()),
              String.valueOf(HOLD_MILLIS));
      long state = (Long) r.get(0);
      if (state == -1 && tries == 0) {
        seed(user, ledger.get());
        continue;
      }
      return switch ((int) state) {
        case 2 -> new Outcome.Held(id);
        case 0 -> new Outcome.CapReached(usd((Long) r.get(1)));
        case 1 -> new Outcome.NoRoomNow(usd((Long) r.get(2)));
        default -> throw new IllegalStateException("the day's spend could not be seeded");
      };
    }
  }

  /** The attempt ended and cost {@code actual}: add it to the day, let the hold go. */
  public void settle(String user, String holdId, BigDecimal actual) {
    redis.script(
        SETTLE,
        ScriptOutputType.INTEGER,
        keys(user),
        holdId,
        String.valueOf(micros(actual, RoundingMode.HALF_UP)));
  }

  /** What the user spent today, every server's calls included. */
  public BigDecimal spentToday(String user, Supplier<BigDecimal> ledger) {
    String v = redis.call(c -> c.get(dayKey(user)));
    if (v == null) {
      seed(user, ledger.get());
      v = redis.call(c -> c.get(dayKey(user)));
    }
    return v == null ? BigDecimal.ZERO : usd(Long.parseLong(v));
  }

  /** US dollars held now for the user's attempts in flight on every server. */
  public BigDecimal heldFor(String user) {
    List<String> values = redis.call(c -> c.hvals(holdsKey(user)));
    long sum = 0;
    for (String v : values) {
      sum += Long.parseLong(v);
    }
    return usd(sum);
  }

  private void seed(String user, BigDecimal spent) {
    redis.call(
        c ->
            c.set(
                dayKey(user),
                String.valueOf(micros(spent, RoundingMode.HALF_UP)),
                io.lettuce.core.SetArgs.Builder.nx().ex(DAY_KEEP_SECONDS)));
  }

  private static String[] keys(String user) {
    return new String[] {dayKey(user), holdsKey(user), holdsKey(user) + ":expiry"};
  }

  private static String dayKey(String user) {
    return "socra:spend:" + user + ":" + LocalDate.now(ZoneOffset.UTC);
  }

  private static String holdsKey(String user) {
    return "socra:holds:" + user;
  }

  static long micros(BigDecimal usd, RoundingMode rounding) {
    return usd.movePointRight(6).setScale(0, rounding).longValueExact();
  }

  static BigDecimal usd(long micros) {
    return BigDecimal.valueOf(micros, 6);
  }
}
